/// <reference lib="dom" />
import { createHash } from 'node:crypto'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Browser } from 'puppeteer'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { startSmtpCapture } from '#tests/support/smtp_capture'
import { sentDelivery } from '#tests/support/report_fixtures'
import {
  choose,
  launchBrowser,
  open,
  panelLogin,
  screenshot,
  submitAction,
  submitForm,
  typeInto,
  waitForText,
} from '#tests/support/browser'

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

test.group('Report schedules and deliveries in the admin panel (Chromium)', (group) => {
  let browser: Browser
  let close: () => Promise<void>
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>

  group.setup(async () => {
    ;({ browser, close } = await launchBrowser())
    smtp = await startSmtpCapture()
    await smtp.useForApp()
    return async () => {
      await close()
      await smtp.close()
    }
  })

  test('the finance manager creates and disables a schedule, then resends a delivery', async ({
    assert,
  }) => {
    const manager = await makeUser('finance_manager')
    const page = await panelLogin(browser, manager.user.email, manager.password)

    // 1. A new schedule through the form (ScheduleService: validated, audited).
    await open(
      page,
      '/admin/resources/report_schedules/actions/new',
      '[data-testid="property-edit-name"]'
    )
    await typeInto(page, 'name', '月度管理层月报')
    await choose(page, 'kind', '管理层')
    // the form opens with the usual values (company time zone, zh-CN, on); a cron typed as is
    await choose(page, 'cronPreset', '自定义')
    await typeInto(page, 'cron', '0 8 1 * *')
    await choose(page, 'periodRule', '上月')
    await typeInto(page, 'recipients', 'ceo@company.test, cfo@company.test')
    await screenshot(page, 'report-schedule-form')
    const scheduleId = await submitForm(page, 'report_schedules')
    await waitForText(page, '报表计划「月度管理层月报」已保存')
    let schedule = await db.from('report_schedules').where('id', scheduleId).first()
    assert.equal(schedule.kind, 'exec_pack')
    assert.equal(schedule.period_rule, 'previous_month')
    assert.equal(schedule.timezone, 'Asia/Shanghai')
    assert.equal(schedule.locale, 'zh-CN')
    assert.deepEqual(schedule.recipients, ['ceo@company.test', 'cfo@company.test'])
    assert.isNull(schedule.customer_ids)
    assert.isTrue(schedule.enabled)
    assert.equal(Number(schedule.created_by), manager.user.id)

    // 2. Disabled from its page.
    await submitAction(page, 'disable')
    await waitForText(page, '报表计划「月度管理层月报」已停用')
    schedule = await db.from('report_schedules').where('id', scheduleId).first()
    assert.isFalse(schedule.enabled)
    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'report_schedule', entity_id: String(scheduleId) })
      .orderBy('id')
    assert.deepEqual(
      audit.map((a) => [a.action, Number(a.actor_id)]),
      [
        ['create', manager.user.id],
        ['update', manager.user.id],
      ]
    )
    assert.isFalse(audit[1].after.enabled)

    // 3. Renamed on the edit form: the other fields keep their values (still disabled).
    await open(
      page,
      `/admin/resources/report_schedules/records/${scheduleId}/edit`,
      '[data-testid="property-edit-name"]'
    )
    await typeInto(page, 'name', '（新）')
    await submitForm(page)
    await waitForText(page, '报表计划「月度管理层月报（新）」已保存')
    schedule = await db.from('report_schedules').where('id', scheduleId).first()
    assert.equal(schedule.name, '月度管理层月报（新）')
    assert.deepEqual(schedule.recipients, ['ceo@company.test', 'cfo@company.test'])
    assert.isNull(schedule.customer_ids)
    assert.isFalse(schedule.enabled)
    assert.equal(schedule.cron, '0 8 1 * *')

    // 4. A sent delivery resent to another address: the same stored bytes, audited.
    const customer = await makeCustomer()
    const pdf = Buffer.from(`%PDF-1.4\n% resend ${customer.code}\n%%EOF\n`)
    const { deliveryId } = await sentDelivery(customer.id, pdf)
    await open(page, `/admin/resources/report_deliveries/records/${deliveryId}/show`)
    const before = smtp.accepted.length
    await submitAction(page, 'resend', (p) =>
      p.type('[data-testid="action-form"] input', 'auditor@customer.test')
    )
    await waitForText(page, `投递 #${deliveryId} 已重新发送（第 2 次发送）`)
    await screenshot(page, 'delivery-resent')
    const mails = smtp.accepted.slice(before).filter((m) => m.parsed.attachments.length > 0)
    assert.lengthOf(mails, 1)
    assert.deepEqual(mails[0].to, ['auditor@customer.test'])
    assert.equal(sha(mails[0].parsed.attachments[0].content), sha(pdf))
    const delivery = await db.from('report_deliveries').where('id', deliveryId).first()
    assert.equal(delivery.send_count, 2)
    const resend = await db
      .from('audit_logs')
      .where({ entity_type: 'report_delivery', entity_id: String(deliveryId), action: 'resend' })
    assert.lengthOf(resend, 1)
    assert.equal(Number(resend[0].actor_id), manager.user.id)
    assert.deepEqual(resend[0].after.recipients, ['auditor@customer.test'])
    assert.equal(resend[0].after.pdfSha256, sha(pdf))
  })
})
