/// <reference lib="dom" />
import { createHash } from 'node:crypto'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Browser, Page } from 'puppeteer'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { startSmtpCapture } from '#tests/support/smtp_capture'
import {
  choose,
  launchBrowser,
  open,
  panelLogin,
  screenshot,
  typeInto,
} from '#tests/support/browser'

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

async function waitForText(page: Page, text: string) {
  await page.waitForFunction((t) => document.body.innerText.includes(t), {}, text)
}

/** Submits a record action's form (action_form.jsx) and waits for the record's show page. */
async function submitAction(page: Page, action: string, fill?: (page: Page) => Promise<void>) {
  await page.waitForSelector(`[data-testid="action-${action}"]`)
  await page.click(`[data-testid="action-${action}"]`)
  await page.waitForSelector('[data-testid="action-form"]')
  if (fill) await fill(page)
  await Promise.all([
    page.waitForFunction(() => location.pathname.endsWith('/show')),
    page.click('[data-testid="action-submit"]'),
  ])
}

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
    await typeInto(page, 'cron', '0 8 1 * *')
    await typeInto(page, 'timezone', 'Asia/Shanghai')
    await choose(page, 'periodRule', '上月')
    await typeInto(page, 'recipients', 'ceo@company.test, cfo@company.test')
    await page.$eval('[data-testid="property-edit-enabled"] input[type=checkbox]', (el) =>
      (el as HTMLInputElement).click()
    )
    await screenshot(page, 'report-schedule-form')
    await Promise.all([
      page.waitForFunction(() => /report_schedules\/records\/\d+\/show/.test(location.pathname)),
      page.click('button[type=submit]'),
    ])
    const scheduleId = Number(page.url().match(/records\/(\d+)\/show/)![1])
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
    await Promise.all([
      page.waitForFunction(() => location.pathname.endsWith('/show')),
      page.click('button[type=submit]'),
    ])
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
    const run = await db.rawQuery(
      `INSERT INTO report_runs (kind, locale, period_from, period_to, triggered_by, status)
       VALUES ('statements', 'zh-CN', '2025-06-01', '2025-06-30', 'manual', 'completed') RETURNING id`
    )
    const inserted = await db.rawQuery(
      `INSERT INTO report_deliveries (run_id, customer_id, recipient_key, recipients, status, attempts,
         pdf, pdf_sha256, file_name, ledger_position, sent_at, send_count)
       VALUES (?, ?, ?, ?, 'sent', 1, ?, ?, 'statement.pdf', 1, now(), 1) RETURNING id`,
      [
        run.rows[0].id,
        customer.id,
        `customer:${customer.id}`,
        ['finance@customer.test'],
        pdf,
        sha(pdf),
      ]
    )
    const deliveryId = Number(inserted.rows[0].id)
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
