import { createHash } from 'node:crypto'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeUser, unique } from '#tests/support/fixtures'
import { expectStatus, getAs, postAs } from '#tests/support/api'
import { startSmtpCapture } from '#tests/support/smtp_capture'
import { customerWithJune, pdfText } from '#tests/support/report_fixtures'
import { linkIn } from '#tests/support/confirmations'
import { closeSharedRenderer } from '#reports/renderer'

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

test.group('Statements: send now to several recipients', (group) => {
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>
  group.setup(async () => {
    smtp = await startSmtpCapture()
    await smtp.useForApp()
  })
  group.teardown(async () => {
    await smtp.close()
    await closeSharedRenderer()
  })

  test('finance sends a statement now: finance contacts in To, the sales owner in CC, the stored bytes attached', async ({
    client,
    assert,
  }) => {
    const { user: owner } = await makeUser('sales')
    const { customer } = await customerWithJune(client)
    await db.from('customers').where('id', customer.id).update({ sales_owner_id: owner.id })
    const { token } = await makeUser('finance')
    const ap = `${unique('ap')}@customer.test`
    const cfo = `${unique('cfo')}@customer.test`
    const contacts = await expectStatus(
      client
        .put(`/api/v1/customers/${customer.id}/statement-contacts`)
        .bearerToken(token)
        .json({
          contacts: [
            { name: '应付会计', email: ap, role: 'finance' },
            { name: '财务总监', email: cfo, role: 'finance' },
            { name: '采购', email: `${unique('buyer')}@customer.test`, role: 'other' },
          ],
          statementLocale: 'en',
        }),
      200
    )
    assert.equal(contacts.body().statementLocale, 'en')

    const before = smtp.accepted.length
    const sent = await expectStatus(
      postAs(client, token, '/api/v1/statements/send', {
        customerIds: [customer.id],
        from: '2025-06-01',
        to: '2025-06-30',
      }),
      201
    )
    const [delivery] = sent.body().deliveries
    assert.equal(delivery.status, 'sent')
    assert.deepEqual(delivery.recipients, [customer.contactEmail, ap, cfo])
    assert.deepEqual(delivery.cc, [owner.email])
    assert.equal(delivery.locale, 'en')

    const mails = smtp.accepted.slice(before).filter((m) => m.parsed.attachments.length > 0)
    assert.lengthOf(mails, 1)
    const [mail] = mails
    assert.sameMembers(mail.to, [customer.contactEmail, ap, cfo, owner.email])
    assert.deepEqual(
      (mail.parsed.to as any).value.map((v: any) => v.address),
      [customer.contactEmail, ap, cfo]
    )
    assert.deepEqual(
      (mail.parsed.cc as any).value.map((v: any) => v.address),
      [owner.email]
    )
    assert.include(mail.parsed.subject!, 'Statement of customer advances 2025-06-01 — 2025-06-30')
    const stored = await db.from('report_deliveries').where('id', delivery.id).firstOrFail()
    const attached = mail.parsed.attachments[0].content
    assert.isTrue(attached.equals(stored.pdf))
    assert.equal(sha(attached), stored.pdf_sha256)
    assert.include(await pdfText(attached), '13,200.25')
    // the raw message carries the link and the exact base64 of the stored PDF
    assert.include(mail.raw.toString('latin1').replace(/\r?\n/g, ''), stored.pdf.toString('base64'))
    assert.match(linkIn(mail), /^\/s\/\d+\.\d+\.[\w-]{43}$/)
    const audit = await db.from('audit_logs').where({
      entity_type: 'report_run',
      entity_id: String(sent.body().runId),
      action: 'send_now',
    })
    assert.lengthOf(audit, 1)
  })

  test('a retried send with its Idempotency-Key sends nothing again and answers the same run', async ({
    client,
    assert,
  }) => {
    const { customer, token } = await customerWithJune(client)
    const body = { customerIds: [customer.id], from: '2025-06-01', to: '2025-06-30' }
    const key = unique('send-now')
    const runsBefore = await db.from('report_runs').count('* as n').first()
    const before = smtp.accepted.length

    const first = await expectStatus(
      postAs(client, token, '/api/v1/statements/send', body, key),
      201
    )
    const again = await expectStatus(
      postAs(client, token, '/api/v1/statements/send', body, key),
      201
    )
    assert.equal(again.header('idempotent-replayed'), 'true')
    assert.equal(again.body().runId, first.body().runId)
    assert.deepEqual(again.body().deliveries, first.body().deliveries)
    assert.equal(first.body().deliveries[0].status, 'sent')

    const mails = smtp.accepted.slice(before).filter((m) => m.to.includes(customer.contactEmail))
    assert.lengthOf(mails, 1)
    const runsAfter = await db.from('report_runs').count('* as n').first()
    assert.equal(Number(runsAfter.n), Number(runsBefore.n) + 1)

    const other = { ...body, to: '2025-06-29' }
    const conflict = await expectStatus(
      postAs(client, token, '/api/v1/statements/send', other, key),
      409
    )
    assert.equal(conflict.body().errors[0].rule, 'idempotency_conflict')
  })

  test('send now refuses bad input and roles without the right, writing nothing', async ({
    client,
    assert,
  }) => {
    const { token: finance } = await makeUser('finance')
    const { token: sales } = await makeUser('sales')
    const runsBefore = await db.from('report_runs').count('* as n').first()
    await expectStatus(
      postAs(client, sales, '/api/v1/statements/send', {
        customerIds: [1],
        from: '2025-06-01',
        to: '2025-06-30',
      }),
      403
    )
    const unknown = await expectStatus(
      postAs(client, finance, '/api/v1/statements/send', {
        customerIds: [987654321],
        from: '2025-06-01',
        to: '2025-06-30',
      }),
      422
    )
    assert.equal(unknown.body().errors[0].field, 'customerIds.0')
    const reversed = await expectStatus(
      postAs(client, finance, '/api/v1/statements/send', {
        customerIds: [1],
        from: '2025-06-30',
        to: '2025-06-01',
      }),
      422
    )
    assert.equal(reversed.body().errors[0].field, 'to')
    const runsAfter = await db.from('report_runs').count('* as n').first()
    assert.equal(runsAfter.n, runsBefore.n)
  })

  test('the run and delivery lists filter by what is given, newest first', async ({
    client,
    assert,
  }) => {
    const { customer } = await customerWithJune(client)
    const silent = await makeCustomer() // no statement contact: its delivery is not sent
    const { token } = await makeUser('finance')
    const sent = await expectStatus(
      postAs(client, token, '/api/v1/statements/send', {
        customerIds: [customer.id, silent.id],
        from: '2025-06-01',
        to: '2025-06-30',
      }),
      201
    )
    const runId = sent.body().runId
    const list = async (query: string) => {
      const response = await expectStatus(
        getAs(client, token, `/api/v1/report-deliveries?${query}`),
        200
      )
      return response.body().data as Array<{ customerId: number; status: string; runId: number }>
    }

    const ofRun = await list(`runId=${runId}`)
    assert.sameMembers(
      ofRun.map((d) => d.customerId),
      [customer.id, silent.id]
    )
    const statuses = Object.fromEntries(ofRun.map((d) => [d.customerId, d.status]))
    assert.equal(statuses[customer.id], 'sent')
    assert.notEqual(statuses[silent.id], 'sent')

    const sentOnly = await list(`runId=${runId}&status=sent`)
    assert.deepEqual(
      sentOnly.map((d) => d.customerId),
      [customer.id]
    )
    const ofCustomer = await list(`customerId=${silent.id}`)
    assert.deepEqual(
      ofCustomer.map((d) => d.runId),
      [runId]
    )
    assert.lengthOf(await list(`runId=${runId}&customerId=${silent.id}&status=sent`), 0)
    assert.lengthOf(await list('limit=1'), 1)

    const runs = await expectStatus(getAs(client, token, `/api/v1/report-runs?limit=200`), 200)
    const ids = runs.body().data.map((r: { id: number }) => r.id)
    assert.include(ids, runId)
    assert.deepEqual(
      ids,
      [...ids].sort((a: number, b: number) => b - a)
    )
  })
})
