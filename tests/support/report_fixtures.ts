import { createHash } from 'node:crypto'
import { ApiRequest, type ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { PDFParse } from 'pdf-parse'
import { makeCustomer, makeProject, makeUser, unique } from '#tests/support/fixtures'
import { expectStatus, postAs } from '#tests/support/api'
import { route } from '#tests/support/route'

/**
 * A customer with a known June 2025: opening ¥10,000.00 (20 May), then in June a receipt of
 * ¥5,000.50 on project A, an application of ¥3,000.25 on project A and a receipt of ¥1,200.00
 * without project → closing ¥13,200.25.
 */
export async function customerWithJune(client: ApiClient, email: string | null = null) {
  const { token } = await makeUser('finance')
  const customer = await makeCustomer()
  const contact = email ?? `${unique('finance')}@customer.test`
  await db
    .from('customers')
    .where('id', customer.id)
    .update({ contact_email: contact, name: '华东机械测试户' })
  const project = await makeProject(customer.id)
  const projectRow = await db.from('projects').where('id', project.id).first()
  const post = (path: string, body: object) =>
    expectStatus(
      postAs(client, token, path, { customerId: customer.id, currency: 'CNY', ...body }),
      201
    )
  const opening = await post(route('receipts.store'), {
    amount: '10000.00',
    channel: 'bank_transfer',
    entryDate: '2025-05-20',
  })
  const r1 = await post(route('receipts.store'), {
    projectId: project.id,
    amount: '5000.50',
    channel: 'wechat',
    bankReference: unique('WX'),
    entryDate: '2025-06-03',
  })
  const a1 = await post(route('applications.store'), {
    projectId: project.id,
    amount: '3000.25',
    documentType: 'invoice',
    documentNo: unique('FP'),
    entryDate: '2025-06-10',
  })
  const r2 = await post(route('receipts.store'), {
    amount: '1200.00',
    channel: 'alipay',
    entryDate: '2025-06-25',
  })
  return {
    /** the finance user who posted the month (a token for the calls a test makes next) */
    token,
    customer: { ...customer, contactEmail: contact },
    project: { id: project.id, code: projectRow.code as string },
    journals: [opening.body(), r1.body(), a1.body(), r2.body()],
  }
}

export async function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) })
  try {
    const { text } = await parser.getText()
    return text
  } finally {
    await parser.destroy()
  }
}

/**
 * The text of one page, and the page total, read with pdf-parse (npm) rather than poppler's
 * pdftotext so a machine with only Node runs the tests. A table row's cells come out on one line.
 */
export async function pdfPage(pdf: Buffer, page: number): Promise<{ text: string; total: number }> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) })
  try {
    const result = await parser.getText({ partial: [page], pageJoiner: '' })
    return { text: result.getPageText(page), total: result.total }
  } finally {
    await parser.destroy()
  }
}

const binary = (res: any, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (chunk: Buffer) => chunks.push(chunk))
  res.on('end', () => done(null, Buffer.concat(chunks)))
}

/** Lets tests read PDF and XLSX responses as Buffers (response.body()). */
export function parseBinaryResponses() {
  ApiRequest.addParser('application/pdf', binary)
  ApiRequest.addParser('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', binary)
}

/**
 * A run with one sent statement delivery holding `pdf` as its stored bytes (and, `withFailed`, a
 * failed one beside it): rows for the panel to read, download and resend, without rendering.
 */
export async function sentDelivery(
  customerId: number,
  pdf: Buffer,
  options: { withFailed?: boolean } = {}
) {
  const run = await db.rawQuery(
    `INSERT INTO report_runs (kind, locale, period_from, period_to, triggered_by, status, completed_at)
     VALUES ('statements', 'zh-CN', '2025-06-01', '2025-06-30', 'manual', 'completed', now()) RETURNING id`
  )
  const runId = Number(run.rows[0].id)
  const sha = createHash('sha256').update(pdf).digest('hex')
  const inserted = await db.rawQuery(
    `INSERT INTO report_deliveries (run_id, customer_id, recipient_key, recipients, status, attempts,
       pdf, pdf_sha256, file_name, ledger_position, message_id, sent_at, send_count)
     VALUES (?, ?, ?, ?, 'sent', 1, ?, ?, ?, 4711, '<test@advance-ledger>', now(), 1) RETURNING id`,
    [
      runId,
      customerId,
      `customer:${customerId}`,
      ['finance@customer.test'],
      pdf,
      sha,
      `对账单-${customerId}-2025-06.pdf`,
    ]
  )
  if (options.withFailed) {
    await db.rawQuery(
      `INSERT INTO report_deliveries (run_id, customer_id, recipient_key, recipients, status, attempts, error)
       VALUES (?, ?, 'customer:0', ?, 'failed', 3, 'SMTP 550 mailbox unavailable')`,
      [runId, customerId, ['nobody@customer.test']]
    )
  }
  return { runId, deliveryId: Number(inserted.rows[0].id), sha }
}
