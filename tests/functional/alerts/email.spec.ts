import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { evaluator, postReceipt, setThreshold } from '#tests/support/alerts'
import { startSmtpCapture } from '#tests/support/smtp_capture'
import { AlertNotifier } from '#modules/alerts/services/alert_notifier'

test.group('Alerts: email', (group) => {
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>
  group.each.setup(async () => {
    smtp = await startSmtpCapture()
    await smtp.useForApp()
    return () => smtp.close()
  })

  test('new alerts go to the sales owner (in the owner language) and, when not info, to finance', async ({
    client,
    assert,
  }) => {
    const finance = await makeUser('finance')
    const owner = await makeUser('sales')
    await db
      .from('users')
      .where('id', owner.user.id)
      .update({ locale: 'en', full_name: 'Tom Owner' })
    const customer = await makeCustomer({ salesOwnerId: owner.user.id })
    await setThreshold(customer.id, '500')
    await postReceipt(client, finance.token, {
      customerId: customer.id,
      amount: '120.00',
      entryDate: '2025-06-01',
    })
    const alerts = await evaluator()
    const opened = await alerts.evaluateCustomer(customer.id, { asOf: '2025-06-01', notify: true })
    // The posting's own reaction may have opened (and mailed) it first; either way it was mailed once.
    const first = await db.from('alerts').where('customer_id', customer.id).first()
    const alertId = opened[0]?.id ?? Number(first.id)
    const deadline = Date.now() + 3000
    // the owner also gets the receipt's 到款提醒 (a notification email): only alert mails count here
    const forOwner = () =>
      smtp.accepted.filter(
        (m) => m.to.includes(owner.user.email) && !m.parsed.headers.has('x-notification-id')
      )
    const forFinance = () => smtp.accepted.filter((m) => m.to.includes(finance.user.email))
    while ((forOwner().length === 0 || forFinance().length === 0) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 25))

    assert.lengthOf(forOwner(), 1)
    const [english] = forOwner()
    assert.equal(
      english.parsed.subject,
      '[Alert] 测试客户: available balance ¥120.00 is below the low-balance line ¥500.00'
    )
    assert.include(
      english.parsed.text!,
      `[Warning] #${alertId} 测试客户: available balance ¥120.00`
    )
    assert.include(
      english.raw.toString('utf8'),
      'From: AdvanceLedger <noreply@advance-ledger.local>'
    )
    assert.lengthOf(forFinance(), 1)
    const [chinese] = forFinance()
    assert.equal(chinese.parsed.subject, '【预警】测试客户：可用余额 ¥120.00 低于预警线 ¥500.00')
    assert.include(chinese.parsed.text!, '[警告]')
    assert.include(chinese.parsed.html as string, '<li>')
    const row = await db.from('alerts').where('id', alertId).first()
    assert.isNotNull(row.emailed_at)
  })

  test('the daily digest lists unresolved alerts; sales get only their own customers', async ({
    client,
    assert,
  }) => {
    const finance = await makeUser('finance')
    const owner = await makeUser('sales')
    const customer = await makeCustomer({ salesOwnerId: owner.user.id })
    await setThreshold(customer.id, '500')
    await postReceipt(client, finance.token, {
      customerId: customer.id,
      amount: '99.00',
      entryDate: '2025-06-01',
    })
    const alerts = await evaluator()
    await alerts.evaluateCustomer(customer.id, { asOf: '2025-06-01' })
    const notifier = await app.container.make(AlertNotifier)
    smtp.accepted.length = 0
    const sent = await notifier.sendDigest('2025-06-02')
    assert.isAbove(sent, 1)
    // (instant mails from the posting's own reaction may arrive meanwhile: look at digests only)
    const digests = smtp.accepted.filter((m) => m.parsed.subject?.startsWith('【预警日报】'))
    const ownerMail = digests.filter((m) => m.to.includes(owner.user.email))
    assert.lengthOf(ownerMail, 1)
    assert.equal(ownerMail[0].parsed.subject, '【预警日报】2025-06-02：1 条未处理预警')
    assert.include(ownerMail[0].parsed.text!, '测试客户：可用余额 ¥99.00 低于预警线 ¥500.00')
    const financeMail = digests.filter((m) => m.to.includes(finance.user.email))
    assert.lengthOf(financeMail, 1)
    assert.include(financeMail[0].parsed.text!, '¥99.00')
  })
})
