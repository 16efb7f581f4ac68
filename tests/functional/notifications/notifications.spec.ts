import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeUser, unique } from '#tests/support/fixtures'
import { makeBankAccount } from '#tests/support/banking'
import { expectStatus, getAs, postAs } from '#tests/support/api'
import { outboxSettled } from '#tests/support/outbox'
import { startSmtpCapture } from '#tests/support/smtp_capture'
import { receiptNotified } from '#tests/support/notifications'
import { outboxDispatcher } from '#modules/outbox/outbox_dispatcher'
import { notificationMailer } from '#modules/notifications/services/notification_mailer'

const rowsOf = (userId: number) => db.from('notifications').where('user_id', userId).orderBy('id')

test.group('Notifications: 到款提醒 to the sales owner, in-app and by email', (group) => {
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>
  group.each.setup(async () => {
    smtp = await startSmtpCapture()
    await smtp.useForApp()
    return () => smtp.close()
  })

  test('a receipt notifies the owner in zh-CN and in English, email bytes included', async ({
    client,
    assert,
  }) => {
    const finance = await makeUser('finance')
    const owner = await makeUser('sales')
    const englishOwner = await makeUser('sales')
    await db.from('users').where('id', englishOwner.user.id).update({ locale: 'en' })
    const customer = await makeCustomer({ salesOwnerId: owner.user.id })
    const other = await makeCustomer({ salesOwnerId: englishOwner.user.id })
    const receipt = await receiptNotified(client, finance.token, customer.id, '12345.60')
    const second = await receiptNotified(client, finance.token, other.id, '88.00')

    const zh = smtp.accepted.filter((m) => m.to.includes(owner.user.email))
    assert.lengthOf(zh, 1)
    const zhText = `测试客户 到账 CNY 12,345.60（${receipt.journalNo}，${receipt.entryDate}）`
    assert.equal(zh[0].parsed.subject, `【到款提醒】${zhText}`)
    assert.include(zh[0].parsed.text!, `Test sales，您好：\n\n${zhText}`)
    assert.include(zh[0].raw.toString('utf8'), 'Content-Language: zh-CN')
    assert.match(
      zh[0].raw.toString('utf8'),
      /Message-ID: <notification-\d+@advance-ledger\.local>/i
    )

    const en = smtp.accepted.filter((m) => m.to.includes(englishOwner.user.email))
    assert.lengthOf(en, 1)
    const enText = `测试客户: received CNY 88.00 (${second.journalNo}, ${second.entryDate})`
    assert.equal(en[0].parsed.subject, `[Payment received] ${enText}`)
    assert.include(en[0].parsed.text!, `Hello Test sales,\n\n${enText}`)
    assert.include(en[0].raw.toString('utf8'), 'Content-Language: en')

    const [row] = await rowsOf(owner.user.id)
    assert.equal(row.kind, 'receipt_posted')
    assert.equal(row.email_state, 'sent')
    assert.isTrue(row.in_app)
    // the finance clerk who posted it is told nothing
    assert.lengthOf(await rowsOf(finance.user.id), 0)
  })

  test('an event dispatched again (a retry) notifies nobody twice', async ({ client, assert }) => {
    const finance = await makeUser('finance')
    const owner = await makeUser('sales')
    const customer = await makeCustomer({ salesOwnerId: owner.user.id })
    const receipt = await receiptNotified(client, finance.token, customer.id, '10.00')
    const [event] = await db
      .from('outbox_events')
      .where('type', 'journal.posted')
      .whereRaw("(data->>'id')::bigint = ?", [receipt.id])
    await db.from('outbox_events').where('id', event.id).update({ dispatched_at: null })
    await outboxDispatcher.drain()
    await notificationMailer.sendDue()
    const rows = await rowsOf(owner.user.id)
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].event_id, event.id)
    assert.lengthOf(
      smtp.accepted.filter((m) => m.to.includes(owner.user.email)),
      1
    )
  })

  test('an email the SMTP server refused is sent by a later pass, once', async ({
    client,
    assert,
  }) => {
    const finance = await makeUser('finance')
    const owner = await makeUser('sales')
    const customer = await makeCustomer({ salesOwnerId: owner.user.id })
    smtp.hold = (mail) => {
      if (mail.to.includes(owner.user.email)) throw new Error('450 mailbox busy')
    }
    await receiptNotified(client, finance.token, customer.id, '20.00')
    const [pending] = await rowsOf(owner.user.id)
    assert.equal(pending.email_state, 'pending')
    assert.include(pending.email_error, 'mailbox busy')
    smtp.hold = undefined
    assert.equal(await notificationMailer.sendDue(), 1)
    assert.equal(await notificationMailer.sendDue(), 0)
    const [sent] = await rowsOf(owner.user.id)
    assert.equal(sent.email_state, 'sent')
    assert.equal(sent.email_attempts, 2)
    assert.lengthOf(
      smtp.accepted.filter((m) => m.to.includes(owner.user.email)),
      1
    )
  })

  test('preferences per kind: in-app only, email only, off', async ({ client, assert }) => {
    const finance = await makeUser('finance')
    const owner = await makeUser('sales')
    const customer = await makeCustomer({ salesOwnerId: owner.user.id })
    const defaults = await expectStatus(
      getAs(client, owner.token, '/api/v1/notifications/preferences'),
      200
    )
    assert.deepInclude(defaults.body().data, { kind: 'receipt_posted', delivery: 'in_app_email' })
    const put = (delivery: string) =>
      client
        .put('/api/v1/notifications/preferences')
        .bearerToken(owner.token)
        .json({ preferences: [{ kind: 'receipt_posted', delivery }] })
    await expectStatus(put('in_app'), 200)
    await receiptNotified(client, finance.token, customer.id, '1.00')
    await expectStatus(put('email'), 200)
    await receiptNotified(client, finance.token, customer.id, '2.00')
    await expectStatus(put('off'), 200)
    await receiptNotified(client, finance.token, customer.id, '3.00')

    const rows = await rowsOf(owner.user.id)
    assert.deepEqual(
      rows.map((row) => [row.params.amount, row.in_app, row.email_state]),
      [
        ['CNY 1.00', true, 'none'],
        ['CNY 2.00', false, 'sent'],
      ]
    )
    const mails = smtp.accepted.filter((m) => m.to.includes(owner.user.email))
    assert.deepEqual(
      mails.map((m) => m.parsed.subject?.includes('CNY 2.00')),
      [true]
    )
    const list = await expectStatus(getAs(client, owner.token, '/api/v1/notifications'), 200)
    assert.lengthOf(list.body().data, 1)
    const bad = await client
      .put('/api/v1/notifications/preferences')
      .bearerToken(owner.token)
      .json({ preferences: [{ kind: 'receipt_posted', delivery: 'sms' }] })
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'preferences.0.delivery')
    assert.equal(bad.body().errors[0].rule, 'enum')
    assert.equal(bad.body().errors[0].message, 'delivery 的取值不在允许范围内')
    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'notification_preferences', entity_id: String(owner.user.id) })
    assert.lengthOf(audit, 3)
  })
})

test.group('Notifications: the inbox API', () => {
  test('own rows only; read, read-all and the unread count', async ({ client, assert }) => {
    const finance = await makeUser('finance')
    const owner = await makeUser('sales')
    const stranger = await makeUser('sales')
    const customer = await makeCustomer({ salesOwnerId: owner.user.id })
    await receiptNotified(client, finance.token, customer.id, '5.00')
    await receiptNotified(client, finance.token, customer.id, '6.00')

    const list = await expectStatus(
      getAs(client, owner.token, '/api/v1/notifications').header('Accept-Language', 'en'),
      200
    )
    assert.equal(list.body().unread, 2)
    const [newest, oldest] = list.body().data
    assert.match(newest.message, /^测试客户: received CNY 6\.00 \(/)
    assert.equal(newest.label, 'Payment received')
    assert.isFalse(newest.read)

    const strangers = await expectStatus(
      getAs(client, stranger.token, '/api/v1/notifications'),
      200
    )
    assert.deepEqual(strangers.body(), { data: [], unread: 0 })
    const refused = await expectStatus(
      postAs(client, stranger.token, `/api/v1/notifications/${oldest.id}/read`, {}),
      404
    )
    assert.equal(refused.body().errors[0].message, '未找到所请求的资源')

    const read = await expectStatus(
      postAs(client, owner.token, `/api/v1/notifications/${oldest.id}/read`, {}),
      200
    )
    assert.isTrue(read.body().read)
    assert.match(read.body().message, /^测试客户 到账 CNY 5\.00（/)
    const unread = await expectStatus(
      getAs(client, owner.token, '/api/v1/notifications?unread=true'),
      200
    )
    assert.deepEqual(
      unread.body().data.map((n: { id: number }) => n.id),
      [newest.id]
    )
    assert.equal(unread.body().unread, 1)
    const all = await expectStatus(
      postAs(client, owner.token, '/api/v1/notifications/read-all', {}),
      200
    )
    assert.deepEqual(all.body(), { marked: 1, unread: 0 })
    const anonymous = await client.get('/api/v1/notifications')
    anonymous.assertStatus(401)
  })

  test('a decided approval notifies its requester', async ({ client, assert }) => {
    const clerk = await makeUser('finance')
    const manager = await makeUser('finance_manager')
    await db.from('users').where('id', clerk.user.id).update({ locale: 'en' })
    const customer = await makeCustomer()
    await receiptNotified(client, manager.token, customer.id, '500.00')
    const request = await expectStatus(
      postAs(client, clerk.token, '/api/v1/refunds', {
        customerId: customer.id,
        amount: '120.00',
        currency: 'CNY',
      }),
      202
    )
    const id = request.body().id
    await expectStatus(
      postAs(client, manager.token, `/api/v1/approvals/${id}/reject`, { comment: 'no' }),
      200
    )
    await outboxSettled()
    const list = await expectStatus(getAs(client, clerk.token, '/api/v1/notifications'), 200)
    assert.deepEqual(
      list.body().data.map((n: { message: string }) => n.message),
      [`您的审批申请 #${id}（退款）已被驳回`]
    )
    const [row] = await rowsOf(clerk.user.id)
    assert.equal(row.kind, 'approval_decided')
  })
})

test.group('Notifications: bank lines and the panel routes', () => {
  test('a bank line matched to a receipt tells the sales owner', async ({ client, assert }) => {
    const finance = await makeUser('finance')
    const owner = await makeUser('sales')
    const customer = await makeCustomer({ salesOwnerId: owner.user.id })
    const reference = unique('BANK')
    const receipt = await expectStatus(
      postAs(client, finance.token, '/api/v1/receipts', {
        customerId: customer.id,
        amount: '4321.00',
        currency: 'CNY',
        channel: 'bank_transfer',
        bankReference: reference,
        entryDate: '2026-11-09',
      }),
      201
    )
    const account = await makeBankAccount()
    const csv = `交易日期,贷方金额,借方金额,对方户名,对方账号,附言,流水号\n2026-11-10,4321.00,,测试客户,,预付款,${reference}\n`
    const uploaded = await client
      .post('/api/v1/bank-statements')
      .bearerToken(finance.token)
      .file('file', Buffer.from(csv), { filename: `${unique('s')}.csv` })
      .field('bankAccountId', String(account.id))
    uploaded.assertStatus(201)
    await outboxSettled()
    const rows = await db
      .from('notifications')
      .where({ user_id: owner.user.id, kind: 'bank_line_matched' })
    assert.lengthOf(rows, 1)
    const list = await expectStatus(getAs(client, owner.token, '/api/v1/notifications'), 200)
    const matched = list.body().data.find((n: { kind: string }) => n.kind === 'bank_line_matched')
    assert.match(
      matched.message,
      new RegExp(
        `^测试客户 的到账 ${receipt.body().journalNo} 已与银行流水 #\\d+ 匹配（CNY 4,321\\.00）$`
      )
    )
  })

  test('the panel routes need the panel session and refuse other sites', async ({
    client,
    assert,
  }) => {
    const anonymous = await client.get('/admin/notifications').header('Accept', 'application/json')
    anonymous.assertStatus(401)
    const foreign = await client
      .post('/admin/notifications/read-all')
      .header('Accept', 'application/json')
      .header('Origin', 'https://evil.example')
    foreign.assertStatus(403)
    assert.equal(foreign.body().errors[0].rule, 'forbidden')
    const crossSite = await client
      .get('/admin/notifications')
      .header('Accept', 'application/json')
      .header('Sec-Fetch-Site', 'cross-site')
    crossSite.assertStatus(403)
  })
})
