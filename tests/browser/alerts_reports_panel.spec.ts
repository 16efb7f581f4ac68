/// <reference lib="dom" />
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Browser, Page } from 'puppeteer'
import { makeCustomer, makeUser, unique } from '#tests/support/fixtures'
import { customerWithAlert } from '#tests/support/alerts'
import { sentDelivery } from '#tests/support/report_fixtures'
import {
  actionsOn,
  bodyText,
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
import { route } from '#tests/support/route'

/** Fetches a URL in the page (with the panel session): status and the SHA-256 of the body. */
async function download(page: Page, path: string) {
  return page.evaluate(async (url) => {
    const response = await fetch(url)
    const bytes = await response.arrayBuffer()
    const digest = await crypto.subtle.digest('SHA-256', bytes)
    const hex = Array.from(new Uint8Array(digest))
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('')
    return { status: response.status, sha: hex, type: response.headers.get('content-type') }
  }, path)
}

test.group('Alerts and reports in the admin panel (Chromium)', (group) => {
  let browser: Browser
  let close: () => Promise<void>

  group.setup(async () => {
    ;({ browser, close } = await launchBrowser())
    return () => close()
  })

  test('the finance manager acknowledges then resolves an alert; the auditor only reads', async ({
    assert,
    client,
  }) => {
    const manager = await makeUser('finance_manager')
    const auditor = await makeUser('auditor')
    const { customer, alert } = await customerWithAlert(client, manager.token)
    assert.equal(alert.status, 'open')
    const message = '测试客户：可用余额 ¥10.00 低于预警线 ¥100.00'

    // The dashboard card lists the new alert with a link to it.
    const page = await panelLogin(browser, manager.user.email, manager.password)
    await page.waitForSelector('[data-testid="openAlerts-count"]')
    await waitForText(page, `#${alert.id} 警告`)
    const href = await page.$eval(
      `[data-testid="openAlerts"] a[href$="/alerts/records/${alert.id}/show"]`,
      (a) => a.getAttribute('href')
    )
    assert.equal(href, `/admin/resources/alerts/records/${alert.id}/show`)
    await page.setViewport({ width: 1280, height: 1400 })
    await screenshot(page, 'dashboard-open-alerts')
    await page.setViewport({ width: 1280, height: 860 })

    await open(page, `/admin/resources/alerts?filters.customerId=${customer.id}`, 'table')
    await waitForText(page, message)
    await screenshot(page, 'alerts-list-manager')

    // 1. Acknowledge with a note.
    await open(page, `/admin/resources/alerts/records/${alert.id}/show`)
    await waitForText(page, message)
    // the record's text can show before its action bar: wait for the bar, then read every action
    await page.waitForSelector('[data-testid="action-resolve"]')
    const before = await actionsOn(page)
    assert.include(before.buttons, 'action-acknowledge')
    assert.include(before.buttons, 'action-resolve')
    await submitAction(page, 'acknowledge', (p) =>
      p.type('[data-testid=\"action-form\"] textarea', '已联系客户补款')
    )
    await waitForText(page, `预警 #${alert.id} 已确认`)
    let row = await db.from('alerts').where('id', alert.id).first()
    assert.equal(row.status, 'acknowledged')
    assert.equal(Number(row.acknowledged_by), manager.user.id)
    assert.isNotNull(row.acknowledged_at)
    assert.equal(row.resolution_note, '已联系客户补款')
    assert.isNull(row.resolved_by)

    // 2. Acknowledged: only Resolve is left.
    await waitForText(page, '已确认')
    await page.waitForSelector('[data-testid="action-resolve"]')
    const acknowledged = await actionsOn(page)
    assert.notInclude(acknowledged.buttons, 'action-acknowledge')
    assert.include(acknowledged.buttons, 'action-resolve')
    await submitAction(page, 'resolve', (p) =>
      p.type('[data-testid=\"action-form\"] textarea', '客户已补款 5,000.00 CNY')
    )
    await waitForText(page, `预警 #${alert.id} 已解决`)
    await waitForText(page, '已解决')
    await screenshot(page, 'alert-resolved')
    row = await db.from('alerts').where('id', alert.id).first()
    assert.equal(row.status, 'resolved')
    assert.equal(Number(row.resolved_by), manager.user.id)
    assert.equal(Number(row.acknowledged_by), manager.user.id)
    assert.isNotNull(row.resolved_at)
    assert.equal(row.resolution_note, '客户已补款 5,000.00 CNY')
    const resolved = await actionsOn(page)
    assert.notInclude(resolved.buttons, 'action-acknowledge')
    assert.notInclude(resolved.buttons, 'action-resolve')

    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'alert', entity_id: String(alert.id) })
      .orderBy('id')
      .select('action', 'actor_id', 'before', 'after')
    assert.deepEqual(
      audit.map((a) => [a.action, a.actor_id === null ? null : Number(a.actor_id)]),
      [
        ['open', null],
        ['acknowledge', manager.user.id],
        ['resolve', manager.user.id],
      ]
    )
    assert.equal(audit[1].before.status, 'open')
    assert.equal(audit[1].after.status, 'acknowledged')
    assert.equal(audit[2].before.status, 'acknowledged')
    assert.equal(audit[2].after.status, 'resolved')
    assert.equal(audit[2].after.resolvedBy, manager.user.id)

    // 3. The auditor sees the alerts but can neither acknowledge nor resolve.
    const second = await customerWithAlert(client, manager.token)
    const reader = await panelLogin(browser, auditor.user.email, auditor.password)
    await open(reader, `/admin/resources/alerts?filters.customerId=${second.customer.id}`, 'table')
    await waitForText(reader, message)
    const listed = await actionsOn(reader)
    assert.isFalse(listed.links.some((h) => /\/actions\/(acknowledge|resolve)/.test(h)))
    assert.notInclude(listed.buttons, 'action-acknowledge')
    await open(reader, `/admin/resources/alerts/records/${second.alert.id}/show`)
    await waitForText(reader, message)
    const shown = await actionsOn(reader)
    assert.notInclude(shown.buttons, 'action-acknowledge')
    assert.notInclude(shown.buttons, 'action-resolve')
    const untouched = await db.from('alerts').where('id', second.alert.id).first()
    assert.equal(untouched.status, 'open')

    // An English reader gets the message in English.
    await db.from('users').where('id', auditor.user.id).update({ locale: 'en' })
    await open(reader, `/admin/resources/alerts/records/${second.alert.id}/show`)
    await waitForText(reader, '测试客户: available balance ¥10.00 is below the low-balance line')
  })

  test('the admin keeps alert rules through the service; readers only look', async ({ assert }) => {
    const admin = await makeUser('admin')
    const auditor = await makeUser('auditor')
    const code = unique('stale')
      .toLowerCase()
      .replace(/[^a-z0-9_]/g, '_')
    const page = await panelLogin(browser, admin.user.email, admin.password)
    await open(
      page,
      '/admin/resources/alert_rules/actions/new',
      '[data-testid="property-edit-code"]'
    )
    await typeInto(page, 'code', code)
    await choose(page, 'ruleType', 'stale')
    await typeInto(page, 'nameZh', '预收款 30 天未核销')
    await typeInto(page, 'nameEn', 'Advances unapplied for 30 days')
    await choose(page, 'severity', '提示')
    await page.type('[data-testid="property-edit-parametersJson"] textarea', '{"days": 30}')
    const ruleId = await submitForm(page, 'alert_rules')
    let rule = await db.from('alert_rules').where('id', ruleId).first()
    assert.equal(rule.code, code)
    assert.equal(rule.rule_type, 'stale_advance')
    assert.equal(rule.severity, 'info')
    assert.deepEqual(rule.params, { days: 30 })
    assert.isFalse(rule.enabled, 'the checkbox was left unticked')

    // Parameters that are not JSON: a field message, nothing written.
    const edit = `/admin/resources/alert_rules/records/${ruleId}/edit`
    const json = '[data-testid="property-edit-parametersJson"] textarea'
    await open(page, edit, json)
    await page.$eval(json, (el) => (el as HTMLTextAreaElement).select())
    await page.type(json, '{days: 45')
    await page.click('button[type=submit]')
    await waitForText(page, '必须是 JSON 对象')
    rule = await db.from('alert_rules').where('id', ruleId).first()
    assert.deepEqual(rule.params, { days: 30 })

    await open(page, edit, json)
    await page.$eval(json, (el) => (el as HTMLTextAreaElement).select())
    await page.type(json, '{"days": 45}')
    await submitForm(page)
    await waitForText(page, '预收款 30 天未核销 ✓')
    rule = await db.from('alert_rules').where('id', ruleId).first()
    assert.deepEqual(rule.params, { days: 45 })
    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'alert_rule', entity_id: String(ruleId) })
      .orderBy('id')
    assert.deepEqual(
      audit.map((a) => [a.action, Number(a.actor_id)]),
      [
        ['create', admin.user.id],
        ['update', admin.user.id],
      ]
    )

    const reader = await panelLogin(browser, auditor.user.email, auditor.password)
    await open(reader, `/admin/resources/alert_rules/records/${ruleId}/show`)
    await waitForText(reader, '预收款 30 天未核销')
    const readerActions = await actionsOn(reader)
    assert.notInclude(readerActions.buttons, 'action-edit')
  })

  test('deliveries: list without bytes, the stored PDF for reports.read, 403 for sales', async ({
    assert,
  }) => {
    const finance = await makeUser('finance')
    const sales = await makeUser('sales')
    const customer = await makeCustomer()
    const pdf = Buffer.from(`%PDF-1.4\n% statement ${customer.code}\n%%EOF\n`)
    const { runId, deliveryId, sha } = await sentDelivery(customer.id, pdf, { withFailed: true })

    const page = await panelLogin(browser, finance.user.email, finance.password)
    await open(page, `/admin/resources/report_deliveries?filters.runId=${runId}`, 'table')
    await waitForText(page, '已发送')
    await waitForText(page, '失败')
    await screenshot(page, 'deliveries-list')
    const listHrefs = await page.$$eval('[data-testid="pdf-download"]', (as) =>
      as.map((a) => a.getAttribute('href'))
    )
    assert.deepEqual(listHrefs, [route('admin.report_deliveries.pdf', { id: deliveryId })])

    await open(page, `/admin/resources/report_deliveries/records/${deliveryId}/show`)
    await waitForText(page, sha)
    const shown = await bodyText(page)
    assert.include(shown, '4711')
    assert.include(shown, 'finance@customer.test')
    const financeActions = await actionsOn(page)
    assert.notInclude(financeActions.buttons, 'action-resend', 'finance may not resend')
    await screenshot(page, 'delivery-show')

    const got = await download(page, route('admin.report_deliveries.pdf', { id: deliveryId }))
    assert.deepEqual(got, { status: 200, sha, type: 'application/pdf' })

    const salesPage = await panelLogin(browser, sales.user.email, sales.password)
    const refused = await download(
      salesPage,
      route('admin.report_deliveries.pdf', { id: deliveryId })
    )
    assert.equal(refused.status, 403)
  })
})
