import { test } from '@japa/runner'
import ExcelJS from 'exceljs'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeUser, unique } from '#tests/support/fixtures'
import { expectStatus, getAs, postAs } from '#tests/support/api'
import { startSmtpCapture } from '#tests/support/smtp_capture'
import { parseBinaryResponses, pdfText } from '#tests/support/report_fixtures'
import { route } from '#tests/support/route'
import { closeSharedRenderer } from '#reports/renderer'
import { LedgerQueries } from '#modules/prepayments/services/ledger_queries'
import app from '@adonisjs/core/services/app'
import { systemActor } from '#kernel/actor'
import { runInTransaction } from '#kernel/unit_of_work'
import { updateCompanyProfile } from '#kernel/company_profile'

parseBinaryResponses()
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const PERIOD = { from: '2025-07-01', to: '2025-07-31' }
const REPLY_TO = 'receivables@scale.test'

/** With the env var set to `value` for the duration of `work`. */
async function withEnv<T>(name: string, value: string, work: () => Promise<T>): Promise<T> {
  const before = process.env[name]
  process.env[name] = value
  try {
    return await work()
  } finally {
    if (before === undefined) delete process.env[name]
    else process.env[name] = before
  }
}

/** Eight movements over three July days (receipts and one application). */
async function busyCustomer(client: any, token: string) {
  const customer = await makeCustomer()
  await db
    .from('customers')
    .where('id', customer.id)
    .update({ contact_email: `${unique('ap')}@customer.test` })
  const days = ['2025-07-02', '2025-07-02', '2025-07-02', '2025-07-09', '2025-07-09', '2025-07-15']
  for (const [i, entryDate] of days.entries()) {
    await expectStatus(
      postAs(client, token, route('receipts.store'), {
        customerId: customer.id,
        currency: 'CNY',
        amount: `${100 * (i + 1)}.10`,
        channel: 'wechat',
        entryDate,
      }),
      201
    )
  }
  for (const entryDate of ['2025-07-15', '2025-07-16']) {
    await expectStatus(
      postAs(client, token, route('applications.store'), {
        customerId: customer.id,
        currency: 'CNY',
        amount: '50.05',
        documentType: 'invoice',
        documentNo: unique('FP'),
        entryDate,
      }),
      201
    )
  }
  return customer
}

/** The workbook's movement rows: [date, journalNo, debit, credit, balance] (opening/closing left out). */
async function sheetLines(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as any)
  const rows: string[][] = []
  workbook.worksheets[0].eachRow((row, n) => {
    if (n <= 3) return
    const cells = (row.values as any[])
      .slice(1)
      .map((v) => (v === null || v === undefined ? '' : String(v)))
    if (cells[2]) rows.push([cells[1], cells[2], cells[5], cells[6], cells[7]])
  })
  return rows
}

test.group('Statements that scale (issue 20 goal 3)', (group) => {
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>
  group.setup(async () => {
    smtp = await startSmtpCapture()
    await smtp.useForApp()
    await runInTransaction(systemActor('test'), (uow) =>
      updateCompanyProfile(uow, { financeContactName: '应收会计', financeContactEmail: REPLY_TO })
    )
  })
  group.teardown(async () => {
    await smtp.close()
    await closeSharedRenderer()
  })

  test('above the detail limit the PDF lists days and the mail attaches every line as XLSX', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await busyCustomer(client, token)
    const queries = await app.container.make(LedgerQueries)
    const ledger = await queries.ledger({ customerId: customer.id, currency: 'CNY', ...PERIOD })
    const expected = ledger.lines.map((l: any) => [
      l.entryDate,
      l.journalNo,
      String(Number(l.debit)),
      String(Number(l.credit)),
      String(Number(l.runningBalance)),
    ])
    assert.lengthOf(expected, 8)

    const before = smtp.accepted.length
    const sent = await withEnv('STATEMENT_DETAIL_ROWS', '5', () =>
      expectStatus(
        postAs(client, token, '/api/v1/statements/send', {
          customerIds: [customer.id],
          ...PERIOD,
        }),
        201
      )
    )
    assert.equal(sent.body().deliveries[0].status, 'sent')
    const [mail] = smtp.accepted.slice(before)
    // answers go to the finance contact of the company settings
    assert.equal((mail.parsed.replyTo as any).value[0].address, REPLY_TO)
    const attachments = mail.parsed.attachments
    assert.deepEqual(
      attachments.map((a) => a.contentType),
      ['application/pdf', XLSX]
    )
    // the PDF: one line per day (4 days), the note naming the attachment
    const printed = await pdfText(attachments[0].content)
    const text = printed.replace(/\s+/g, ' ')
    assert.include(text, '本期共 8 笔，超过 5 笔，按日汇总列示')
    assert.include(text, '当日 3 笔')
    assert.include(text, attachments[1].filename!)
    assert.notInclude(text, ledger.lines[0].journalNo)
    // the workbook: exactly the ledger's lines
    assert.deepEqual(await sheetLines(attachments[1].content), expected)
    const stored = await db
      .from('report_deliveries')
      .where('id', sent.body().deliveries[0].id)
      .first()
    assert.isTrue(Buffer.from(stored.xlsx).equals(attachments[1].content))

    // the download is the same lines
    const download = await expectStatus(
      getAs(
        client,
        token,
        `${route('customers.statement_xlsx', { id: customer.id })}?from=${PERIOD.from}&to=${PERIOD.to}`
      ),
      200
    )
    assert.include(download.header('content-type'), XLSX)
    assert.deepEqual(await sheetLines(download.body()), expected)
  }).timeout(120_000)

  test('a statement over the print limit is refused before rendering: 422 naming the limit, zh-CN and en', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await busyCustomer(client, token)
    const url = `${route('customers.statement_pdf', { id: customer.id })}?from=${PERIOD.from}&to=${PERIOD.to}`
    await withEnv('STATEMENT_MAX_PRINTED_ROWS', '6', async () => {
      const zh = await expectStatus(getAs(client, token, url), 422)
      const [error] = zh.body().errors
      assert.equal(error.rule, 'statement_too_large')
      assert.deepEqual(error.meta, { rows: 8, limit: 6 })
      assert.equal(error.message, '该对账单将打印 8 行，超过单份 PDF 上限 6 行：请缩短对账期间')
      const en = await expectStatus(getAs(client, token, url).header('Accept-Language', 'en'), 422)
      assert.include(en.body().errors[0].message, 'at most 6')
      // summarised per day (4 days) it fits
      await withEnv('STATEMENT_DETAIL_ROWS', '5', () =>
        expectStatus(getAs(client, token, url), 200)
      )
    })
  }).timeout(120_000)
})
