import { test } from '@japa/runner'
import type { AddressInfo } from 'node:net'
import app from '@adonisjs/core/services/app'
import emitter from '@adonisjs/core/services/emitter'
import db from '@adonisjs/lucid/services/db'
import { Mailer } from '@adonisjs/mail'
import { SMTPTransport } from '@adonisjs/mail/transports/smtp'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { evaluator, postReceipt, setThreshold } from '#tests/support/alerts'
import { AlertNotifier } from '#modules/alerts/services/alert_notifier'

/** A real SMTP server on 127.0.0.1 (random port) collecting what it receives. */
async function startSmtp() {
  const received: Array<{ to: string[]; raw: Buffer; mail: ParsedMail }> = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk) => chunks.push(chunk))
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks)
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          mail: await simpleParser(raw),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return { server, port, received }
}

test.group('Alerts: email', (group) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>
  group.each.setup(async () => {
    smtp = await startSmtp()
    const transport = new SMTPTransport({ host: '127.0.0.1', port: smtp.port, ignoreTLS: true })
    app.container.swap(
      Mailer,
      () =>
        new Mailer('test-smtp', transport, emitter, {
          from: { address: 'alerts@advance-ledger.test', name: 'AdvanceLedger' },
        })
    )
    return async () => {
      app.container.restore(Mailer)
      await new Promise<void>((resolve) => smtp.server.close(() => resolve()))
    }
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
    const forOwner = () => smtp.received.filter((m) => m.to.includes(owner.user.email))
    const forFinance = () => smtp.received.filter((m) => m.to.includes(finance.user.email))
    while ((forOwner().length === 0 || forFinance().length === 0) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 25))

    assert.lengthOf(forOwner(), 1)
    const [english] = forOwner()
    assert.equal(
      english.mail.subject,
      '[Alert] 测试客户: available balance ¥120.00 is below the low-balance line ¥500.00'
    )
    assert.include(english.mail.text!, `[Warning] #${alertId} 测试客户: available balance ¥120.00`)
    assert.include(english.raw.toString('utf8'), 'From: AdvanceLedger <alerts@advance-ledger.test>')
    assert.lengthOf(forFinance(), 1)
    const [chinese] = forFinance()
    assert.equal(chinese.mail.subject, '【预警】测试客户：可用余额 ¥120.00 低于预警线 ¥500.00')
    assert.include(chinese.mail.text!, '[警告]')
    assert.include(chinese.mail.html as string, '<li>')
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
    smtp.received.length = 0
    const sent = await notifier.sendDigest('2025-06-02')
    assert.isAbove(sent, 1)
    // (instant mails from the posting's own reaction may arrive meanwhile: look at digests only)
    const digests = smtp.received.filter((m) => m.mail.subject?.startsWith('【预警日报】'))
    const ownerMail = digests.filter((m) => m.to.includes(owner.user.email))
    assert.lengthOf(ownerMail, 1)
    assert.equal(ownerMail[0].mail.subject, '【预警日报】2025-06-02：1 条未处理预警')
    assert.include(ownerMail[0].mail.text!, '测试客户：可用余额 ¥99.00 低于预警线 ¥500.00')
    const financeMail = digests.filter((m) => m.to.includes(finance.user.email))
    assert.lengthOf(financeMail, 1)
    assert.include(financeMail[0].mail.text!, '¥99.00')
  })
})
