import { test } from '@japa/runner'
import ExcelJS from 'exceljs'
import { expectStatus, getAs, postAs } from '#tests/support/api'
import { makeBankAccount, nameCustomer } from '#tests/support/banking'
import { baseUrl } from '#tests/support/browser'
import { makeCustomer, makeUser, unique } from '#tests/support/fixtures'
import { route } from '#tests/support/route'

/** The panel's session cookie, as a browser gets it from the login form. */
async function panelCookie(email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl()}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }).toString(),
  })
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
}

const rowsOf = (sheet: ExcelJS.Worksheet) => {
  const rows: unknown[][] = []
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  return rows
}

test.group('Banking: the reconciliation report as a file', () => {
  test('XLSX and CSV carry the JSON figures: amounts as numbers, a payer "=…" as text', async ({
    client,
    assert,
  }) => {
    const { user, token, password } = await makeUser('finance')
    const account = await makeBankAccount()
    const payer = `=HYPERLINK("http://evil.example","${unique('x')}")`
    const csv = Buffer.from(
      'Date,Amount,Currency,Counterparty,Counterparty Account,Memo\r\n' +
        `2019-05-03,"1,234.50",CNY,"${payer.replaceAll('"', '""')}",,@SUM(1)\r\n` +
        '2019-05-06,-25.00,CNY,Bank fee,,fee\r\n'
    )
    await expectStatus(
      client
        .post(route('bank_statements.store'))
        .bearerToken(token)
        .file('file', csv, { filename: 'may.csv' })
        .field('bankAccountId', String(account.id)),
      201
    )
    const customer = await makeCustomer()
    const customerName = `+${unique('客户')}`
    await nameCustomer(customer.id, customerName)
    await expectStatus(
      postAs(client, token, route('receipts.store'), {
        customerId: customer.id,
        amount: '880.00',
        currency: 'CNY',
        channel: 'bank_transfer',
        entryDate: '2019-05-10',
      }),
      201
    )
    const query = `bankAccountId=${account.id}&from=2019-05-01&to=2019-05-31`
    const report = await getAs(client, token, `${route('reconciliation.show')}?${query}`)
    const json = report.body()
    assert.equal(json.unregisteredCredits.total, '1234.50')

    const xlsx = await fetch(`${baseUrl()}${route('reconciliation.show')}?${query}&format=xlsx`, {
      headers: { authorization: `Bearer ${token}` },
    })
    assert.equal(xlsx.status, 200)
    assert.include(xlsx.headers.get('content-type'), 'spreadsheetml')
    const bytes = Buffer.from(await xlsx.arrayBuffer())
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(bytes as any)
    assert.deepEqual(
      workbook.worksheets.map((s) => s.name),
      [
        '汇总 Summary',
        '未登记收入 Unregistered',
        '无流水收款 No bank line',
        '未匹配支出 Unmatched debits',
        '无流水退款 Refunds',
      ]
    )
    const summary = rowsOf(workbook.worksheets[0])
    const item = (name: string) => summary.find((r) => r[1] === name)!
    assert.deepEqual(item('银行收入 Bank credits').slice(3, 5), [1, 1234.5])
    assert.deepEqual(item('银行支出 Bank debits').slice(3, 5), [1, 25])
    assert.deepEqual(
      item('未登记银行收入 Unregistered bank credits · 账龄 ageing 8-30').slice(4, 5),
      [1234.5]
    )
    assert.equal(item('未对账金额 Unreconciled amount')[4], Number(json.unreconciledAmount))
    const [, credit] = rowsOf(workbook.worksheets[1])
    assert.deepEqual(credit.slice(2, 11), [
      '2019-05-03',
      '',
      1234.5,
      1234.5,
      `'${payer}`,
      '',
      "'@SUM(1)",
      'unmatched',
      json.unregisteredCredits.rows[0].ageDays,
    ])
    assert.equal(workbook.worksheets[1].getRow(2).getCell(5).type, ExcelJS.ValueType.Number)
    const receipt = rowsOf(workbook.worksheets[2]).find((r) => r[6] === `'${customerName}`)!
    assert.deepEqual(
      [receipt[2], receipt[4], receipt[9]],
      ['2019-05-10', 880, 'entered_by_finance']
    )
    const [, debit] = rowsOf(workbook.worksheets[3])
    assert.deepEqual([debit[4], debit[6]], [25, 'Bank fee'])

    const file = await getAs(client, token, `${route('reconciliation.show')}?${query}&format=csv`)
    file.assertStatus(200)
    assert.include(
      file.header('content-disposition'),
      `reconciliation-${account.id}-2019-05-01-2019-05-31.csv`
    )
    const text = file.text()
    assert.isTrue(text.startsWith('\uFEFF部分 Section,项目 Item,日期 Date,笔数 Count,金额 Amount'))
    assert.include(text, '\r\n汇总 Summary,银行收入 Bank credits,,1,1234.50,\r\n')
    assert.include(
      text,
      `未登记银行收入 Unregistered bank credits,#${json.unregisteredCredits.rows[0].id},2019-05-03,,1234.5,1234.5,"'${payer.replaceAll('"', '""')}",,'@SUM(1),unmatched,`
    )

    const bad = await getAs(client, token, `${route('reconciliation.show')}?${query}&format=pdf`)
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'format')

    // the panel's link: its session, never another site's page
    const cookie = await panelCookie(user.email, password)
    const panel = (headers: Record<string, string>) =>
      fetch(`${baseUrl()}${route('admin.reconciliation.show')}?${query}&format=csv`, { headers })
    const foreign = await panel({ cookie, 'sec-fetch-site': 'cross-site' })
    assert.equal(foreign.status, 403)
    const anonymous = await panel({})
    assert.equal(anonymous.status, 401)
    const own = await panel({ cookie, 'sec-fetch-site': 'same-origin' })
    assert.equal(own.status, 200)
    assert.equal(Buffer.from(await own.arrayBuffer()).toString('utf8'), text)
  })
})
