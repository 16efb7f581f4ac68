import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeUser, unique } from '#tests/support/fixtures'
import { balanceOf, expectStatus, getAs, postAs } from '#tests/support/api'
import { bodyOf, csvFile, ledgerCounts, uploadImport, xlsxRows } from '#tests/support/imports'
import ExcelJS from 'exceljs'
import { parseBinaryResponses } from '#tests/support/report_fixtures'
import { route } from '#tests/support/route'

parseBinaryResponses()

const RECEIPTS = '外部单号,客户编码,币种,金额,入账日期,收款方式,银行流水号,备注'
const APPLICATIONS = '外部单号,客户编码,币种,核销金额,核销日期,单据类型,单据号,备注'
const REFUNDS = 'external reference,customer code,currency,amount,date,reason,memo'

type Client = Parameters<typeof uploadImport>[0]

/** A customer holding `amount` CNY, brought in by a receipts import. */
async function fundedCustomer(client: Client, token: string, amount: string) {
  const customer = await makeCustomer()
  const file = csvFile([RECEIPTS, `${unique('R')},${customer.code},CNY,${amount},2026-06-01,,,`])
  const job = await bodyOf(uploadImport(client, token, 'receipts', file), 201)
  await bodyOf(postAs(client, token, route('imports.commit', { id: job.id }), {}), 200)
  return customer
}

async function journalsOf(customerId: number, kind: string) {
  return db
    .from('journals as j')
    .join('journal_lines as l', (q) => q.on('l.journal_id', 'j.id').andOnVal('l.line_no', 1))
    .where({ 'j.customer_id': customerId, 'j.kind': kind })
    .orderBy('j.id')
    .select('j.amount', 'j.document_type', 'j.document_no', 'j.reason', 'l.account_code', 'l.debit')
}

test.group('Imports: historical applications (核销)', () => {
  test('rows are refused by the ledger rules with row, column and rule; the fixed file posts once', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await fundedCustomer(client, token, '1000.00')
    const ref = unique('A')
    const before = await ledgerCounts()
    const bad = csvFile([
      APPLICATIONS,
      `${ref}-1,${customer.code},CNY,300.00,2026-06-05,发票,FP-001,一期`,
      `${ref}-2,${customer.code},CNY,900.00,2026-06-06,订单,SO-002,超出余额`,
      `${ref}-3,${customer.code},CNY,10.00,2026-06-07,收据,X-3,`,
      `${ref}-1,${customer.code},CNY,10.00,2026-06-07,发票,FP-004,`,
    ])
    const job = await bodyOf(uploadImport(client, token, 'applications', bad), 201)
    assert.equal(job.status, 'rejected')
    assert.deepEqual(
      job.errors.map((e: any) => [e.row, e.column, e.rule]),
      [
        [3, '核销金额', 'insufficient_balance'],
        [4, '单据类型', 'format'],
        [5, '外部单号', 'duplicate_in_file'],
      ]
    )
    assert.include(job.errors[0].message, '金额超过可用余额')
    assert.include(job.errors[0].messageEn, '(700.00 CNY)')
    assert.deepEqual(await ledgerCounts(), before)

    const fixed = csvFile([
      APPLICATIONS,
      `${ref}-1,${customer.code},CNY,300.00,2026-06-05,发票,FP-001,一期`,
      `${ref}-2,${customer.code},CNY,200.00,2026-06-06,订单,SO-002,`,
    ])
    const validated = await bodyOf(uploadImport(client, token, 'applications', fixed), 201)
    assert.deepEqual(
      [validated.status, validated.validRows, validated.postedRows],
      ['validated', 2, 0]
    )
    assert.deepEqual(await ledgerCounts(), before)
    const done = await bodyOf(
      postAs(client, token, route('imports.commit', { id: validated.id }), {}),
      200
    )
    assert.equal(done.status, 'committed')
    assert.equal(done.postedRows, 2)
    // Dr Customer Advances / Cr Accounts Receivable (invoice) or Revenue (order)
    const journals = await journalsOf(customer.id, 'application')
    assert.deepEqual(
      journals.map((j) => [j.amount, j.document_type, j.document_no, j.account_code, j.debit]),
      [
        ['-300.0000', 'invoice', 'FP-001', '1122', '0.0000'],
        ['-200.0000', 'order', 'SO-002', '6001', '0.0000'],
      ]
    )
    const balance = await balanceOf(client, token, customer.id)
    assert.equal(balance?.balance, '500.00')

    // the same rows in another file: skipped, nothing posts twice
    const after = await ledgerCounts()
    const overlap = csvFile([
      APPLICATIONS,
      `${ref}-2,${customer.code},CNY,200.00,2026-06-06,订单,SO-002,再传`,
    ])
    const again = await bodyOf(uploadImport(client, token, 'applications', overlap), 201)
    assert.equal(again.skippedRows, 1)
    const none = await bodyOf(
      postAs(client, token, route('imports.commit', { id: again.id }), {}),
      200
    )
    assert.equal(none.postedRows, 0)
    assert.deepEqual(await ledgerCounts(), after)
  })

  test('an application at or above the large-application threshold waits for a finance manager', async ({
    client,
    assert,
  }) => {
    const finance = await makeUser('finance')
    const manager = await makeUser('finance_manager')
    const customer = await fundedCustomer(client, finance.token, '600000.00')
    const file = csvFile([
      APPLICATIONS,
      `${unique('A')},${customer.code},CNY,550000.00,2026-06-08,发货,DN-1,`,
    ])
    const job = await bodyOf(uploadImport(client, finance.token, 'applications', file), 201)
    assert.equal(job.maxBaseAmount, '550000')
    const held = await bodyOf(
      postAs(client, finance.token, route('imports.commit', { id: job.id }), {}),
      202
    )
    assert.deepEqual(held.approvalLevels, [{ role: 'finance_manager' }])
    assert.lengthOf(await journalsOf(customer.id, 'application'), 0)
    const done = await bodyOf(
      postAs(client, manager.token, route('imports.approve', { id: job.id }), {}),
      200
    )
    assert.equal(done.status, 'committed')
    const balance = await balanceOf(client, finance.token, customer.id)
    assert.equal(balance?.balance, '50000.00')
  })
})

/** An XLSX as finance keeps it: a merged title row above the header. */
async function xlsxWithTitle(title: string, header: string, rows: string[]) {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('核销')
  const columns = header.split(',')
  sheet.addRow([title])
  sheet.mergeCells(1, 1, 1, columns.length)
  sheet.addRow(columns)
  for (const row of rows) sheet.addRow(row.split(','))
  return Buffer.from(await book.xlsx.writeBuffer())
}

test.group('Imports: historical movements, concurrency and XLSX', () => {
  test('an XLSX with a merged title row; two imports of the same rows at once post each row once', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await fundedCustomer(client, token, '10000.00')
    const ref = unique('A')
    const rows = [1, 2, 3, 4, 5].map(
      (n) => `${ref}-${n},${customer.code},CNY,${n}00.00,2026-06-0${n},发票,FP-${n},`
    )
    const xlsx = await xlsxWithTitle('历史核销 2026年6月', APPLICATIONS, rows)
    const csv = csvFile([APPLICATIONS, ...rows])
    const fromXlsx = await bodyOf(
      uploadImport(client, token, 'applications', xlsx, {}, 'apps.xlsx'),
      201
    )
    const fromCsv = await bodyOf(uploadImport(client, token, 'applications', csv), 201)
    assert.deepEqual([fromXlsx.status, fromXlsx.totalRows], ['validated', 5])
    assert.deepEqual([fromCsv.status, fromCsv.totalRows], ['validated', 5])
    const done = await Promise.all(
      [fromXlsx, fromCsv].map((job) =>
        bodyOf(postAs(client, token, route('imports.commit', { id: job.id }), {}), 200)
      )
    )
    assert.sameMembers(
      done.map((job) => `${job.postedRows}+${job.skippedRows}`),
      ['5+0', '0+5']
    )
    assert.lengthOf(await journalsOf(customer.id, 'application'), 5)
    const balance = await balanceOf(client, token, customer.id)
    assert.equal(balance?.balance, '8500.00')
  })

  test('two imports of the same references in opposite order both finish: no deadlock', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const first = await fundedCustomer(client, token, '5000.00')
    const second = await fundedCustomer(client, token, '5000.00')
    const ref = unique('O')
    const rows = [1, 2, 3, 4, 5, 6].map((n) => {
      const customer = n % 2 ? first : second
      return `${ref}-${n},${customer.code},CNY,${n}00.00,2026-06-0${n},发票,FP-${n},`
    })
    const jobs = await Promise.all(
      [rows, [...rows].reverse()].map((lines) =>
        bodyOf(uploadImport(client, token, 'applications', csvFile([APPLICATIONS, ...lines])), 201)
      )
    )
    const done = await Promise.all(
      jobs.map((job) =>
        bodyOf(postAs(client, token, route('imports.commit', { id: job.id }), {}), 200)
      )
    )
    assert.sameMembers(
      done.map((job) => `${job.postedRows}+${job.skippedRows}`),
      ['6+0', '0+6']
    )
    const balances = await Promise.all([first, second].map((c) => balanceOf(client, token, c.id)))
    assert.deepEqual(
      balances.map((b) => b?.balance),
      ['4100.00', '3800.00']
    )
  })
})

test.group('Imports: historical refunds (退款)', () => {
  test('go through the refund rule’s levels in order, each by another person, then post', async ({
    client,
    assert,
  }) => {
    const finance = await makeUser('finance')
    const manager = await makeUser('finance_manager')
    const admin = await makeUser('admin')
    const customer = await fundedCustomer(client, finance.token, '300000.00')
    const ref = unique('F')
    const file = csvFile([
      REFUNDS,
      `${ref}-1,${customer.code},CNY,120000.00,2026-06-10,合同取消,`,
      `${ref}-2,${customer.code},CNY,30000.00,2026-06-11,多付退回,`,
    ])
    const job = await bodyOf(uploadImport(client, finance.token, 'refunds', file), 201)
    assert.equal(job.status, 'validated')
    const held = await bodyOf(
      postAs(client, finance.token, route('imports.commit', { id: job.id }), {}),
      202
    )
    // the largest row (¥120,000) picks the two-level rule (≥ ¥100,000)
    assert.deepEqual(held.approvalLevels, [{ role: 'finance_manager' }, { role: 'admin' }])
    // the uploader may not decide; level 2's role may not decide level 1
    await expectStatus(
      postAs(client, finance.token, route('imports.approve', { id: job.id }), {}),
      403
    )
    await expectStatus(
      postAs(client, admin.token, route('imports.approve', { id: job.id }), {}),
      403
    )
    const first = await bodyOf(
      postAs(client, manager.token, route('imports.approve', { id: job.id }), {}),
      200
    )
    assert.equal(first.status, 'awaiting_approval')
    assert.deepEqual(
      first.approvalDecisions.map((d: any) => [d.level, d.userId]),
      [[1, manager.user.id]]
    )
    assert.lengthOf(await journalsOf(customer.id, 'refund'), 0)
    // one person decides one level only
    await expectStatus(
      postAs(client, manager.token, route('imports.approve', { id: job.id }), {}),
      403
    )
    const done = await bodyOf(
      postAs(client, admin.token, route('imports.approve', { id: job.id }), {}),
      200
    )
    assert.equal(done.status, 'committed')
    assert.equal(done.decidedBy, admin.user.id)
    const refunds = await journalsOf(customer.id, 'refund')
    assert.deepEqual(
      refunds.map((j) => [j.amount, j.reason, j.account_code, j.debit]),
      [
        ['-120000.0000', '合同取消', '1002', '0.0000'],
        ['-30000.0000', '多付退回', '1002', '0.0000'],
      ]
    )
    const balance = await balanceOf(client, finance.token, customer.id)
    assert.equal(balance?.balance, '150000.00')
    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'import_job', entity_id: String(job.id) })
      .orderBy('id')
      .select('action', 'actor_id')
    assert.deepEqual(
      audit.map((a) => [a.action, Number(a.actor_id)]),
      [
        ['dry_run', finance.user.id],
        ['request_approval', finance.user.id],
        ['approve_level', manager.user.id],
        ['commit', admin.user.id],
      ]
    )
  })

  test('a refund beyond the money held is refused in the dry run; a rejected import writes nothing', async ({
    client,
    assert,
  }) => {
    const finance = await makeUser('finance')
    const manager = await makeUser('finance_manager')
    const customer = await fundedCustomer(client, finance.token, '500.00')
    const before = await ledgerCounts()
    const tooMuch = csvFile([
      REFUNDS,
      `${unique('F')},${customer.code},CNY,800.00,2026-06-12,退回,`,
    ])
    const refused = await bodyOf(uploadImport(client, finance.token, 'refunds', tooMuch), 201)
    assert.deepEqual(
      refused.errors.map((e: any) => [e.row, e.column, e.rule]),
      [[2, '退款金额', 'insufficient_balance']]
    )
    const noReason = csvFile([REFUNDS, `${unique('F')},${customer.code},CNY,100.00,2026-06-12,,`])
    const missing = await bodyOf(uploadImport(client, finance.token, 'refunds', noReason), 201)
    assert.deepEqual(
      missing.errors.map((e: any) => [e.row, e.column, e.rule]),
      [[2, '退款原因', 'required']]
    )

    const fine = csvFile([REFUNDS, `${unique('F')},${customer.code},CNY,100.00,2026-06-12,退回,`])
    const job = await bodyOf(uploadImport(client, finance.token, 'refunds', fine), 201)
    await expectStatus(
      postAs(client, finance.token, route('imports.commit', { id: job.id }), {}),
      202
    )
    const rejected = await bodyOf(
      postAs(client, manager.token, route('imports.reject', { id: job.id }), {
        reason: '无原始凭证',
      }),
      200
    )
    assert.equal(rejected.status, 'cancelled')
    await expectStatus(
      postAs(client, manager.token, route('imports.approve', { id: job.id }), {}),
      409
    )
    assert.deepEqual(await ledgerCounts(), before)
  })
})

test.group('Imports: historical movement templates', () => {
  test('zh-CN headers, required ones marked, and the English names each also accepts', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const expected = {
      applications: [
        '外部单号*,客户编码*,项目编码,币种*,核销金额*,核销日期*,单据类型*,单据号*,备注',
        'document type',
      ],
      refunds: ['外部单号*,客户编码*,项目编码,币种*,退款金额*,退款日期*,退款原因*,备注', 'reason'],
    }
    for (const [kind, [header, english]] of Object.entries(expected)) {
      const response = await expectStatus(
        getAs(client, token, route('imports.template', { kind: kind })),
        200
      )
      const rows = await xlsxRows(response.body())
      assert.equal(rows[0].join(','), header)
      // the help sheet: the English names are accepted as headers too (the REFUNDS header above)
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(response.body() as any)
      const help = book.worksheets[1].getSheetValues().flat().map(String).join('|')
      assert.include(help, english)
    }
  })
})
