import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { makeUser } from '#tests/support/fixtures'
import { expectStatus, postAs } from '#tests/support/api'
import { startSmtpCapture } from '#tests/support/smtp_capture'
import { parseBinaryResponses } from '#tests/support/report_fixtures'
import { customerWithSentStatement, sendJuneStatement } from '#tests/support/confirmations'
import { closeSharedRenderer } from '#reports/renderer'
import { signConfirmationToken } from '#modules/reports/confirmations/confirmation_token'
import { ReminderService } from '#modules/reports/confirmations/reminder_service'
import { AUDIT_USER_AGENT_SQL } from '#modules/audit/public'

parseBinaryResponses()
const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) TestPhone/1.0'
const confirmation = (deliveryId: number) =>
  db.from('statement_confirmations').where('delivery_id', deliveryId).firstOrFail()
const statusOf = async (deliveryId: number) => {
  const row = await confirmation(deliveryId)
  return row.status as string
}
const auditOf = (deliveryId: number) =>
  db
    .from('audit_logs')
    .where({ entity_type: 'statement_confirmation', entity_id: String(deliveryId) })
    .select('*', db.raw(`${AUDIT_USER_AGENT_SQL} AS user_agent_text`))
    .orderBy('id')

test.group('Statement confirmation: the signed link', (group) => {
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>
  group.setup(async () => {
    smtp = await startSmtpCapture()
    await smtp.useForApp()
    // these tests all come from 127.0.0.1; the rate-limit test sets its own limit
    env.set('STATEMENT_LINK_RATE', 10_000)
  })
  group.teardown(async () => {
    await smtp.close()
    await closeSharedRenderer()
  })

  test('the emailed link opens the statement as sent, and marks it viewed (audited)', async ({
    client,
    assert,
  }) => {
    const { delivery, path, mail } = await customerWithSentStatement(client, smtp.accepted)
    assert.include(mail.parsed.text!, '在线核对并确认')
    assert.equal(await statusOf(delivery.id), 'sent')

    const page = await client.get(path).header('user-agent', PHONE)
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, '华东机械测试户')
    assert.include(html, '2025-06-01')
    assert.include(html, '13,200.25') // closing balance, CNY
    assert.include(html, '+5,000.50')
    assert.include(html, '−3,000.25')
    assert.include(html, '确认无误（与我方记录相符）')

    const row = await confirmation(delivery.id)
    assert.equal(row.status, 'viewed')
    assert.equal(row.viewed_ip, '127.0.0.1')
    assert.equal(row.viewed_user_agent, PHONE)
    const audit = await auditOf(delivery.id)
    assert.deepEqual(
      audit.map((a) => a.action),
      ['await', 'view']
    )
    assert.equal(audit[1].user_agent_text, PHONE)
    assert.equal(audit[1].actor_role, 'customer')
    assert.equal(audit[1].ip, '127.0.0.1')

    const pdf = await client.get(`${path}/pdf`)
    pdf.assertStatus(200)
    assert.isTrue(Buffer.from(pdf.body()).equals(delivery.pdf))

    // English on request (the customer's language otherwise)
    const en = await client.get(`${path}?lang=en`)
    assert.include(en.text(), 'Confirm: it agrees with our records')
  })

  test('a tampered, expired or other-delivery token gets the same 404 page, naming nothing', async ({
    client,
    assert,
  }) => {
    const a = await customerWithSentStatement(client, smtp.accepted)
    const b = await customerWithSentStatement(client, smtp.accepted)
    const token = a.path.slice('/s/'.length)
    const [id, expiry, signature] = token.split('.')
    const flipped = signature[0] === 'A' ? 'B' + signature.slice(1) : 'A' + signature.slice(1)
    const cases = {
      tampered: `${id}.${expiry}.${flipped}`,
      longer: `${id}.${Number(expiry) + 86400}.${signature}`,
      expired: signConfirmationToken(
        a.delivery.id,
        a.delivery.pdf_sha256,
        new Date(Date.now() - 1000)
      ),
      // delivery b's id, signed as if it had a's PDF
      otherDelivery: signConfirmationToken(
        b.delivery.id,
        a.delivery.pdf_sha256,
        new Date(Date.now() + 864e5)
      ),
      otherId: `${b.delivery.id}.${expiry}.${signature}`,
      garbage: 'not-a-token',
      unknown: signConfirmationToken(
        999999999,
        a.delivery.pdf_sha256,
        new Date(Date.now() + 864e5)
      ),
    }
    const bodies = new Set<string>()
    for (const [name, bad] of Object.entries(cases)) {
      for (const suffix of ['', '/pdf']) {
        const response = await client.get(`/s/${bad}${suffix}`)
        assert.equal(response.status(), 404, `${name}${suffix}`)
        const html = response.text()
        assert.notInclude(html, '华东机械测试户', name)
        assert.notInclude(html, '13,200.25', name)
        bodies.add(html)
      }
      const post = await client.post(`/s/${cases.tampered}/confirm`).form({})
      assert.equal(post.status(), 404)
    }
    assert.equal(bodies.size, 1, 'every refusal is the same page')
    // nothing was answered or even viewed through them
    assert.equal(await statusOf(a.delivery.id), 'sent')
    assert.equal(await statusOf(b.delivery.id), 'sent')
  })

  test('confirm once; a later dispute is refused until finance reopens it (audited)', async ({
    client,
    assert,
  }) => {
    const { delivery, path, customer } = await customerWithSentStatement(client, smtp.accepted)
    const confirmed = await client
      .post(`${path}/confirm`)
      .header('user-agent', PHONE)
      .redirects(0)
      .form({})
    confirmed.assertStatus(303)
    const row = await confirmation(delivery.id)
    assert.equal(row.status, 'confirmed')
    assert.equal(row.answered_ip, '127.0.0.1')
    assert.equal(row.answered_user_agent, PHONE)
    assert.isNotNull(row.viewed_at)
    const events = await db
      .from('outbox_events')
      .where('type', 'statement.confirmed')
      .whereRaw("data->>'deliveryId' = ?", [String(delivery.id)])
    assert.lengthOf(events, 1)
    assert.equal(events[0].ordering_key, `customer:${customer.id}`)

    // a double tap confirms nothing twice
    await client.post(`${path}/confirm`).redirects(0).form({})
    assert.lengthOf(await auditOf(delivery.id).where('action', 'confirm'), 1)

    const refused = await client.post(`${path}/dispute`).field('comment', '金额不对')
    refused.assertStatus(409)
    assert.include(refused.text(), '不能再更改')
    assert.equal(await statusOf(delivery.id), 'confirmed')

    // only finance may reopen; sales may not
    const { token: sales } = await makeUser('sales')
    await expectStatus(
      postAs(client, sales, `/api/v1/statement-confirmations/${delivery.id}/reopen`, { note: 'x' }),
      403
    )
    const { token: finance, user } = await makeUser('finance')
    await expectStatus(
      postAs(client, finance, `/api/v1/statement-confirmations/${delivery.id}/reopen`, {}),
      422
    )
    const reopened = await expectStatus(
      postAs(client, finance, `/api/v1/statement-confirmations/${delivery.id}/reopen`, {
        note: '客户误点确认',
      }),
      200
    )
    assert.equal(reopened.body().status, 'viewed')
    assert.equal(reopened.body().reopenedCount, 1)
    const reopenAudit = await auditOf(delivery.id).where('action', 'reopen').firstOrFail()
    assert.equal(Number(reopenAudit.actor_id), user.id)
    assert.equal(reopenAudit.after.note, '客户误点确认')
    assert.equal(reopenAudit.before.status, 'confirmed')

    const disputed = await client
      .post(`${path}/dispute`)
      .redirects(0)
      .field('comment', '6月10日核销金额有误')
    disputed.assertStatus(303)
    assert.equal(await statusOf(delivery.id), 'disputed')
    // and now a confirmation is refused
    const late = await client.post(`${path}/confirm`).form({})
    late.assertStatus(409)
    assert.equal(await statusOf(delivery.id), 'disputed')
  })

  test('a dispute opens an alert for the sales owner and finance; finance resolves it with a note', async ({
    client,
    assert,
  }) => {
    const { user: owner } = await makeUser('sales')
    const sent = await customerWithSentStatement(client, smtp.accepted)
    await db.from('customers').where('id', sent.customer.id).update({ sales_owner_id: owner.id })
    const png = Buffer.concat([
      Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
      Buffer.alloc(64, 1),
    ])
    const response = await client
      .post(`${sent.path}/dispute`)
      .redirects(0)
      .field('comment', '我方记录 6 月收款为 5,500.50')
      .file('attachment', png, { filename: 'bank.png' })
    response.assertStatus(303)
    const row = await confirmation(sent.delivery.id)
    assert.equal(row.status, 'disputed')
    assert.equal(row.comment, '我方记录 6 月收款为 5,500.50')
    assert.equal(row.attachment_type, 'image/png')
    assert.isTrue(Buffer.from(row.attachment).equals(png))
    const alert = await db.from('alerts').where('id', row.alert_id).firstOrFail()
    assert.equal(alert.rule_type, 'statement_disputed')
    assert.equal(alert.subject_type, 'statement')
    assert.equal(Number(alert.customer_id), sent.customer.id)
    assert.equal(alert.status, 'open')
    assert.include(alert.params.comment, '5,500.50')
    const event = await db
      .from('outbox_events')
      .where('type', 'statement.disputed')
      .whereRaw("data->>'deliveryId' = ?", [String(sent.delivery.id)])
      .firstOrFail()
    assert.equal(Number(event.data.alertId), Number(alert.id))

    const { token: finance } = await makeUser('finance')
    const list = await expectStatus(
      client
        .get(`/api/v1/statement-confirmations?status=disputed&customerId=${sent.customer.id}`)
        .bearerToken(finance),
      200
    )
    assert.equal(list.body().data[0].attachment.type, 'image/png')
    const file = await client
      .get(`/api/v1/statement-confirmations/${sent.delivery.id}/attachment`)
      .bearerToken(finance)
    file.assertStatus(200)
    assert.equal(file.header('content-type'), 'image/png')

    const resolved = await expectStatus(
      postAs(client, finance, `/api/v1/statement-confirmations/${sent.delivery.id}/resolve`, {
        note: '已核实，补开收据',
      }),
      200
    )
    assert.equal(resolved.body().resolutionNote, '已核实，补开收据')
    const after = await db.from('alerts').where('id', row.alert_id).firstOrFail()
    assert.equal(after.status, 'resolved')
    assert.equal(after.resolution_note, '已核实，补开收据')
    await expectStatus(
      postAs(client, finance, `/api/v1/statement-confirmations/${sent.delivery.id}/resolve`, {
        note: 'again',
      }),
      409
    )
  })

  test('attachments are checked by their bytes and size; a dispute needs a comment', async ({
    client,
    assert,
  }) => {
    const { delivery, path } = await customerWithSentStatement(client, smtp.accepted)
    const fakePdf = Buffer.from('MZ\x90\x00 this is an executable named .pdf')
    const wrong = await client
      .post(`${path}/dispute`)
      .field('comment', 'x')
      .file('attachment', fakePdf, { filename: 'statement.pdf', contentType: 'application/pdf' })
    wrong.assertStatus(422)
    assert.include(wrong.text(), '附件只能是图片')
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5 * 1024 * 1024)])
    const tooBig = await client
      .post(`${path}/dispute`)
      .field('comment', 'x')
      .file('attachment', big, { filename: 'big.pdf' })
    tooBig.assertStatus(422)
    assert.include(tooBig.text(), '5 MB')
    const empty = await client.post(`${path}/dispute`).field('comment', '   ')
    empty.assertStatus(422)
    assert.include(empty.text(), '请填写差异说明')
    // refused answers write nothing
    const row = await confirmation(delivery.id)
    assert.equal(row.status, 'sent')
    assert.isNull(row.comment)
  })

  test('a later statement of the same period supersedes an unanswered one', async ({
    client,
    assert,
  }) => {
    const first = await customerWithSentStatement(client, smtp.accepted)
    const second = await sendJuneStatement(first.customer.id)
    assert.equal(await statusOf(first.delivery.id), 'superseded')
    const superseded = await confirmation(first.delivery.id)
    assert.equal(Number(superseded.superseded_by), second.id)
    assert.equal(await statusOf(second.id), 'sent')
    const page = await client.get(first.path)
    page.assertStatus(200)
    assert.include(page.text(), '已被更新的对账单取代')
    assert.notInclude(page.text(), 'confirm-button')
    const refused = await client.post(`${first.path}/confirm`).form({})
    refused.assertStatus(409)
    assert.equal(await statusOf(first.delivery.id), 'superseded')
  })

  test('the public pages are rate-limited per client address', async ({ client, assert }) => {
    env.set('STATEMENT_LINK_RATE', 30)
    const statuses: number[] = []
    for (let i = 0; i < 32; i++) {
      const response = await client.get('/s/not-a-token').header('x-forwarded-for', '203.0.113.77')
      statuses.push(response.status())
    }
    assert.equal(statuses.filter((s) => s === 404).length, 30)
    assert.equal(statuses[31], 429)
    // another address is not affected
    const other = await client.get('/s/not-a-token').header('x-forwarded-for', '203.0.113.78')
    other.assertStatus(404)
  })
})

test.group('Statement confirmation: reminders', (group) => {
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>
  group.setup(async () => {
    smtp = await startSmtpCapture()
    await smtp.useForApp()
    env.set('STATEMENT_LINK_RATE', 10_000)
  })
  group.teardown(async () => {
    await smtp.close()
    await closeSharedRenderer()
  })

  test('an unanswered statement is reminded once after N days; an answered one never', async ({
    client,
    assert,
  }) => {
    const waiting = await customerWithSentStatement(client, smtp.accepted)
    const answered = await customerWithSentStatement(client, smtp.accepted)
    const done = await client.post(`${answered.path}/confirm`).redirects(0).form({})
    done.assertStatus(303)
    const remindersOf = (deliveryId: number) =>
      smtp.accepted.filter(
        (m) =>
          m.parsed.headers.get('x-statement-reminder') === '1' &&
          m.parsed.headers.get('x-report-delivery') === String(deliveryId)
      )
    const reminders = new ReminderService()

    await reminders.remindDue(new Date(Date.now() + 6 * 864e5), 1000) // day 6: not yet
    assert.lengthOf(remindersOf(waiting.delivery.id), 0)
    const day8 = new Date(Date.now() + 8 * 864e5)
    await reminders.remindDue(day8, 1000)
    await reminders.remindDue(day8, 1000)
    const sent = remindersOf(waiting.delivery.id)
    assert.lengthOf(sent, 1, 'each reminder once')
    assert.lengthOf(remindersOf(answered.delivery.id), 0)
    assert.include(sent[0].parsed.subject!, '对账单待确认提醒')
    assert.include(sent[0].parsed.text!, waiting.path)
    assert.sameMembers(sent[0].to, waiting.delivery.recipients)
    const row = await confirmation(waiting.delivery.id)
    assert.isNotNull(row.reminded_at)
    const audit = await auditOf(waiting.delivery.id).where('action', 'remind')
    assert.lengthOf(audit, 1)
  })
})
