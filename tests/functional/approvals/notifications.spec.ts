import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { expectStatus, postAs } from '#tests/support/api'
import { startSmtpCapture } from '#tests/support/smtp_capture'
import { route } from '#tests/support/route'

async function eventually<T>(probe: () => T | undefined, timeoutMs = 3000): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const value = probe()
    if (value) return value
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return probe()
}

test.group('Approvals: approvers are notified by email', (group) => {
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>
  group.each.setup(async () => {
    smtp = await startSmtpCapture()
    await smtp.useForApp()
    return () => smtp.close()
  })

  test('a pending refund mails the finance managers in their language, not the requester', async ({
    client,
    assert,
  }) => {
    const clerk = await makeUser('finance')
    const manager = await makeUser('finance_manager')
    const englishManager = await makeUser('finance_manager')
    await db.from('users').where('id', englishManager.user.id).update({ locale: 'en' })
    const customer = await makeCustomer()
    await expectStatus(
      postAs(client, clerk.token, route('receipts.store'), {
        customerId: customer.id,
        amount: '500.00',
        currency: 'CNY',
        channel: 'cash',
      }),
      201
    )
    const request = await expectStatus(
      postAs(client, clerk.token, route('refunds.store'), {
        customerId: customer.id,
        amount: '120.00',
        currency: 'CNY',
      }),
      202
    )
    const id = request.body().id
    const toManager = await eventually(() =>
      smtp.accepted.find(
        (m) => m.to.includes(manager.user.email) && m.parsed.subject?.includes(`#${id}`)
      )
    )
    assert.exists(toManager)
    assert.equal(toManager!.parsed.subject, `【待审批 #${id}】测试客户 退款 120.00 CNY`)
    const toEnglish = await eventually(() =>
      smtp.accepted.find(
        (m) => m.to.includes(englishManager.user.email) && m.parsed.subject?.includes(`#${id}`)
      )
    )
    assert.equal(
      toEnglish!.parsed.subject,
      `[Approval #${id}] refund 120.00 CNY for 测试客户 awaits you`
    )
    assert.isUndefined(
      smtp.accepted.find(
        (m) => m.to.includes(clerk.user.email) && m.parsed.subject?.includes(`#${id}`)
      )
    )
  })
})
