import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { readFile, rm } from 'node:fs/promises'
import db from '@adonisjs/lucid/services/db'
import ExcelJS from 'exceljs'
import { makeCustomer, makeProject, makeUser } from '#tests/support/fixtures'
import { expectStatus, getAs, postAs } from '#tests/support/api'
import { route } from '#tests/support/route'

/** The month these tests post in: no other suite touches it. */
const PERIOD = '2019-10'

type Row = Record<string, string>

/** The CSV as header-keyed rows (the export's cells hold no commas or quotes). */
function csvRows(bytes: Buffer): Row[] {
  const text = bytes.toString('utf8')
  const [header, ...lines] = text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
  const names = header.split(',')
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])))
}

/** Vouchers keyed by number, with the sums of their two sides (as exact decimal strings). */
function balances(rows: Row[], number: string, debit: string, credit: string) {
  const sums = new Map<string, { debit: bigint; credit: bigint }>()
  const cents = (v: string) => BigInt(v.replace('.', ''))
  for (const row of rows) {
    const sum = sums.get(row[number]) ?? { debit: 0n, credit: 0n }
    sum.debit += cents(row[debit])
    sum.credit += cents(row[credit])
    sums.set(row[number], sum)
  }
  return sums
}

async function download(client: any, token: string, query: string) {
  const response = await client.get(`${route('vouchers.export')}?${query}`).bearerToken(token)
  return response
}

const mapAccount = (client: any, token: string, code: string, body: object) =>
  expectStatus(
    client
      .put(route('voucher_account_map.update', { code: code }))
      .bearerToken(token)
      .json(body),
    200
  )

test.group('Voucher export (凭证导出)', (group) => {
  let customer: { id: number; code: string }
  let usdCustomer: { id: number; code: string }
  let project: { id: number }
  let finance: { token: string }
  let journals: any[] = []

  group.each.setup(async () => {
    if (journals.length) return
    finance = await makeUser('finance')
    customer = await makeCustomer()
    usdCustomer = await makeCustomer({ defaultCurrency: 'USD' })
    project = await makeProject(customer.id)
  })

  test('one voucher per journal, 通用 CSV: balanced, mapped codes, customer and project on 预收账款', async ({
    client,
    assert,
  }) => {
    const { token } = finance
    const manager = await makeUser('finance_manager')
    await expectStatus(
      postAs(client, manager.token, route('exchange_rates.store'), {
        currency: 'USD',
        rateDate: `${PERIOD}-01`,
        rate: '6.4321',
      }),
      201
    )
    const post = async (url: string, body: object) => {
      const response = await expectStatus(postAs(client, token, url, body), 201)
      return response.body()
    }
    journals = [
      await post(route('receipts.store'), {
        customerId: customer.id,
        projectId: project.id,
        amount: '5000.00',
        currency: 'CNY',
        channel: 'bank_transfer',
        entryDate: `${PERIOD}-03`,
      }),
      await post(route('receipts.store'), {
        customerId: customer.id,
        amount: '800.00',
        currency: 'CNY',
        channel: 'wechat',
        entryDate: `${PERIOD}-03`,
      }),
      await post(route('applications.store'), {
        customerId: customer.id,
        projectId: project.id,
        amount: '1200.00',
        currency: 'CNY',
        documentType: 'invoice',
        documentNo: 'FP-2019-10',
        entryDate: `${PERIOD}-10`,
      }),
      await post(route('receipts.store'), {
        customerId: usdCustomer.id,
        amount: '100.01',
        currency: 'USD',
        channel: 'bank_transfer',
        entryDate: `${PERIOD}-20`,
      }),
    ]
    await mapAccount(client, token, '1002', {
      externalCode: '100201',
      externalName: '银行存款-工行',
    })

    const response = await download(client, token, `period=${PERIOD}`)
    response.assertStatus(200)
    assert.include(response.header('content-type'), 'text/csv')
    const bytes = Buffer.from(response.text(), 'utf8')
    assert.equal(bytes.subarray(0, 3).toString('hex'), 'efbbbf')
    const rows = csvRows(bytes)
    assert.deepEqual(Object.keys(rows[0]), [
      '凭证字',
      '凭证号',
      '日期',
      '摘要',
      '科目编码',
      '科目名称',
      '借方',
      '贷方',
      '币种',
      '汇率',
      '原币金额',
      '辅助核算-客户',
      '项目',
    ])
    assert.lengthOf(rows, 8)
    assert.deepEqual(
      rows.map((r) => [
        r['凭证号'],
        r['日期'],
        r['科目编码'],
        r['借方'],
        r['贷方'],
        r['辅助核算-客户'],
        r['项目'],
      ]),
      [
        ['1', '2019-10-03', '100201', '5000.00', '0.00', '', ''],
        [
          '1',
          '2019-10-03',
          '2203',
          '0.00',
          '5000.00',
          customer.code,
          await projectCode(project.id),
        ],
        ['2', '2019-10-03', '1012', '800.00', '0.00', '', ''],
        ['2', '2019-10-03', '2203', '0.00', '800.00', customer.code, ''],
        ['3', '2019-10-10', '1122', '0.00', '1200.00', customer.code, ''],
        [
          '3',
          '2019-10-10',
          '2203',
          '1200.00',
          '0.00',
          customer.code,
          await projectCode(project.id),
        ],
        ['4', '2019-10-20', '100201', '643.27', '0.00', '', ''],
        ['4', '2019-10-20', '2203', '0.00', '643.27', usdCustomer.code, ''],
      ]
    )
    assert.deepEqual(
      [rows[6]['币种'], rows[6]['汇率'], rows[6]['原币金额'], rows[0]['凭证字']],
      ['USD', '6.4321', '100.01', '记']
    )
    assert.include(rows[4]['摘要'], 'FP-2019-10')
    for (const [number, sum] of balances(rows, '凭证号', '借方', '贷方')) {
      assert.equal(sum.debit, sum.credit, `voucher ${number} balances`)
    }

    // Audited with the bytes' SHA-256 and the ledger position the file reflects.
    const sha = createHash('sha256').update(bytes).digest('hex')
    assert.equal(response.header('x-content-sha256'), sha)
    const [audit] = await db
      .from('audit_logs')
      .where({ entity_type: 'voucher_export', action: 'export' })
      .orderBy('id', 'desc')
      .limit(1)
    const [{ max }] = await db.from('journals').max('id as max')
    assert.include(audit.after, { sha256: sha, ledgerPosition: Number(max), vouchers: 4, lines: 8 })
    assert.equal(response.header('x-ledger-position'), String(max))
  })

  test('金蝶 XLSX per journal and 用友 U8 summarised per day', async ({ client, assert }) => {
    const { token } = finance
    // Raw bytes (the API client parses bodies by type): the server's own URL with fetch.
    const query = `from=${PERIOD}-01&to=${PERIOD}-30&format=xlsx&layout=kingdee&voucherWord=收`
    const xlsx = await fetch(
      `http://127.0.0.1:${process.env.PORT}${route('vouchers.export')}?${encodeURI(query)}`,
      { headers: { authorization: `Bearer ${token}` } }
    )
    assert.equal(xlsx.status, 200)
    const bytes = Buffer.from(await xlsx.arrayBuffer())
    assert.equal(
      xlsx.headers.get('x-content-sha256'),
      createHash('sha256').update(bytes).digest('hex')
    )
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(bytes as any)
    const sheet = workbook.worksheets[0]
    const header = (sheet.getRow(1).values as any[]).slice(1)
    assert.deepEqual(header.slice(0, 8), [
      'FDATE',
      'FTRANSDATE',
      'FPERIOD',
      'FGROUP',
      'FNUM',
      'FENTRYID',
      'FEXP',
      'FACCTID',
    ])
    const cells = (n: number) =>
      Object.fromEntries(
        header.map((name: string, i: number) => [name, sheet.getRow(n).getCell(i + 1).value])
      )
    const usdDebit = cells(8)
    assert.deepEqual(
      [
        usdDebit.FGROUP,
        usdDebit.FNUM,
        usdDebit.FENTRYID,
        usdDebit.FACCTID,
        usdDebit.FCYID,
        usdDebit.FDC,
        usdDebit.FDEBIT,
        usdDebit.FFCYAMT,
      ],
      ['收', 4, 0, '100201', 'USD', 1, 643.27, 100.01]
    )
    const advances = cells(3) // voucher 1, entry 1: 预收账款 with its customer
    assert.deepEqual(
      [
        advances.FACCTID,
        advances.FDC,
        advances.FCREDIT,
        advances.FCYID,
        advances.FCLSNAME1,
        advances.FOBJID1,
      ],
      ['2203', 0, 5000, 'RMB', '客户', customer.code]
    )

    const u8 = await download(client, token, `period=${PERIOD}&layout=yonyou_u8&mode=daily`)
    u8.assertStatus(200)
    const rows = csvRows(Buffer.from(u8.text(), 'utf8'))
    const day3 = rows.filter((r) => r['制单日期'] === '2019-10-03')
    // Two receipts of one customer on the 3rd: one voucher, 2203 summed (5000 + 800) unless
    // the project splits it — the project is kept on 2203, so two 2203 lines remain.
    assert.deepEqual(
      day3.map((r) => [r['凭证号'], r['科目编码'], r['借方金额'], r['贷方金额'], r['客户编码']]),
      [
        ['1', '100201', '5000.00', '0.00', ''],
        ['1', '2203', '0.00', '5000.00', customer.code],
        ['1', '1012', '800.00', '0.00', ''],
        ['1', '2203', '0.00', '800.00', customer.code],
      ]
    )
    assert.deepEqual(new Set(rows.map((r) => r['凭证号'])), new Set(['1', '2', '3']))
    const usd = rows.find((r) => r['制单日期'] === '2019-10-20' && r['科目编码'] === '100201')!
    assert.deepEqual([usd['币种'], usd['外币金额'], usd['汇率']], ['USD', '100.01', '6.4321'])
    assert.equal(day3[0]['外币金额'], '', 'base-currency entries carry no foreign amount')
    for (const [, sum] of balances(rows, '凭证号', '借方金额', '贷方金额')) {
      assert.equal(sum.debit, sum.credit)
    }
  })

  test('an unmapped account refuses the export, naming it; bad queries and other roles refused', async ({
    client,
    assert,
  }) => {
    const { token } = finance
    await mapAccount(client, token, '1122', { externalCode: null })
    const refused = await download(client, token, `period=${PERIOD}`)
    refused.assertStatus(409)
    assert.equal(refused.body().errors[0].rule, 'account_unmapped')
    assert.include(refused.body().errors[0].message, '1122')
    assert.deepEqual(refused.body().errors[0].meta, { accounts: ['1122'] })
    const mapped = await mapAccount(client, token, '1122', {
      externalCode: '1122.01',
      customerAux: true,
    })
    assert.equal(mapped.body().externalCode, '1122.01')
    const list = await expectStatus(getAs(client, token, route('voucher_account_map.index')), 200)
    assert.deepInclude(
      list.body().data.map((m: any) => [m.accountCode, m.externalCode]),
      ['1122', '1122.01']
    )
    await mapAccount(client, token, '1122', { externalCode: '1122' })

    for (const query of [
      '',
      'period=2021-13',
      'from=2019-10-10&to=2019-10-01',
      `period=${PERIOD}&format=pdf`,
      `period=${PERIOD}&layout=sap`,
    ]) {
      const response = await download(client, token, query)
      response.assertStatus(422)
    }
    await expectStatus(
      client
        .put(route('voucher_account_map.update', { code: 1002 }))
        .bearerToken(token)
        .json({ externalCode: '=1+1' }),
      422
    )
    const sales = await makeUser('sales')
    const forbidden = await download(client, sales.token, `period=${PERIOD}`)
    forbidden.assertStatus(403)
    const auditor = await makeUser('auditor')
    await expectStatus(
      client
        .put(route('voucher_account_map.update', { code: 1002 }))
        .bearerToken(auditor.token)
        .json({ externalCode: '1002' }),
      403
    )
  })

  test('node ace export:vouchers writes the same file', async ({ assert }) => {
    const out = `tmp/vouchers-test-${process.pid}.csv`
    const run = spawnSync(
      process.execPath,
      ['ace.js', 'export:vouchers', '--period', PERIOD, '--layout', 'standard', '--out', out],
      { env: { ...process.env, LOG_LEVEL: 'warn' }, encoding: 'utf8' }
    )
    assert.equal(run.status, 0, run.stderr)
    const rows = csvRows(await readFile(out))
    await rm(out, { force: true })
    assert.lengthOf(rows, 8)
    assert.equal(rows[0]['科目编码'], '100201')
  }).timeout(60_000)

  group.teardown(async () => {
    await db
      .from('voucher_account_map')
      .where('account_code', '1002')
      .update({ external_code: '1002', external_name: '银行存款' })
  })
})

async function projectCode(projectId: number) {
  const row = await db.from('projects').where('id', projectId).first()
  return row.code as string
}
