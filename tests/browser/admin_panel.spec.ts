/// <reference lib="dom" />
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { AUDIT_USER_AGENT_SQL } from '#modules/audit/public'
import type { Browser } from 'puppeteer'
import { countRows, makeCustomer, makeUser } from '#tests/support/fixtures'
import {
  baseUrl,
  bodyText,
  choose,
  launchBrowser,
  open,
  panelLogin,
  screenshot,
  submitForm,
  typeInto,
} from '#tests/support/browser'

test.group('Admin panel in Chromium', (group) => {
  let browser: Browser
  let close: () => Promise<void>

  group.setup(async () => {
    ;({ browser, close } = await launchBrowser())
    return () => close()
  })

  test('finance registers a receipt and sees the balance change', async ({ assert }) => {
    const { user, password } = await makeUser('finance')
    const customer = await makeCustomer()
    const page = await panelLogin(browser, user.email, password)
    await page.waitForSelector('[data-testid="dashboard"] [data-testid="month-chart"]')
    await screenshot(page, 'dashboard-finance')

    await open(page, `/admin/resources/customers/records/${customer.id}/show`)
    assert.notInclude(await bodyText(page), '1,234.56 CNY')

    await open(
      page,
      '/admin/resources/receipts/actions/new',
      '[data-testid="property-edit-amount"]'
    )
    await choose(page, 'customerId', customer.code)
    await typeInto(page, 'amount', '1234.56')
    await choose(page, 'currency', 'CNY')
    await choose(page, 'channel', '银行转账')
    await typeInto(page, 'bankReference', `BR-${customer.code}`)
    await screenshot(page, 'receipt-form')
    await submitForm(page)
    await page.waitForSelector('[data-testid="property-show-journalNo"]')

    const balance = await db
      .from('customer_balances')
      .where({ customer_id: customer.id, currency: 'CNY' })
      .first()
    assert.equal(balance.balance, '1234.5600')
    const audit = await db
      .from('audit_logs')
      .where({ actor_id: user.id, entity_type: 'journal' })
      .select('*', db.raw(`${AUDIT_USER_AGENT_SQL} AS user_agent_text`))
      .orderBy('id', 'desc')
      .first()
    assert.exists(audit, 'the receipt is audited with the panel user as actor')
    // …and with the HTTP call the panel action came from.
    assert.equal(audit.ip, '127.0.0.1')
    assert.include(audit.user_agent_text, 'Chrome')
    assert.match(audit.request_id, /^[0-9a-f-]{36}$/)

    await open(page, `/admin/resources/customers/records/${customer.id}/show`)
    await page.waitForFunction(() => document.body.innerText.includes('1,234.56 CNY'))
    await screenshot(page, 'customer-after-receipt')
    assert.include(await bodyText(page), '1,234.56 CNY')
  })

  test('a refused receipt shows the field message and writes nothing', async ({ assert }) => {
    const { user, password } = await makeUser('finance')
    const customer = await makeCustomer()
    const page = await panelLogin(browser, user.email, password)
    const journalsBefore = await countRows('journals')

    await open(
      page,
      '/admin/resources/receipts/actions/new',
      '[data-testid="property-edit-amount"]'
    )
    await choose(page, 'customerId', customer.code)
    await typeInto(page, 'amount', '12.345')
    await choose(page, 'currency', 'CNY')
    await choose(page, 'channel', '现金')
    await page.click('button[type=submit]')
    const message = '[data-testid="property-edit-amount"]'
    await page.waitForFunction(
      // the panel answers in its user's language: zh-CN unless they chose English
      (selector) => /小数/.test(document.querySelector(selector)?.textContent ?? ''),
      {},
      message
    )
    await screenshot(page, 'receipt-validation-error')
    const fieldText = await page.$eval(message, (el) => el.textContent ?? '')
    assert.match(fieldText, /小数位数/)
    assert.equal(await countRows('journals'), journalsBefore)
  })

  test('the auditor sees the ledger and the log but no edit action anywhere', async ({
    assert,
  }) => {
    const { user, password } = await makeUser('auditor')
    const page = await panelLogin(browser, user.email, password)
    const journal = await db.from('journals').orderBy('id', 'desc').first()

    for (const path of [
      '/admin/resources/journals',
      `/admin/resources/journals/records/${journal.id}/show`,
      '/admin/resources/customers',
      '/admin/resources/receipts',
      '/admin/resources/accounting_periods',
      '/admin/resources/exchange_rates',
      '/admin/resources/audit_logs',
    ]) {
      // Lists may be empty in the test database: wait for the page's heading, not for rows.
      await open(page, path, 'h2')
      const hrefs = await page.$$eval('a', (links) =>
        links.map((a) => a.getAttribute('href') ?? '')
      )
      const edits = hrefs.filter((h) => /\/actions\/(new|edit|delete|reverse|deactivate)/.test(h))
      assert.deepEqual(edits, [], `no edit action on ${path}`)
      const buttons = await page.$$eval('[data-testid^="action-"]', (els) =>
        els.map((el) => el.getAttribute('data-testid') ?? '')
      )
      assert.deepEqual(
        buttons.filter((b) => /new|edit|delete|reverse|deactivate/.test(b)),
        [],
        `no edit button on ${path}`
      )
    }
    await open(page, '/admin/resources/audit_logs', 'table')
    await screenshot(page, 'audit-log-auditor')
    const body = await bodyText(page)
    assert.notInclude(body, '用户与角色', 'users & roles are for admins only')

    // The server refuses the action even when called directly (AdminJS answers with an error notice).
    const journalsBefore = await countRows('journals')
    const answer = await page.evaluate(async (url) => {
      const form = new FormData()
      form.append('amount', '10.00')
      const response = await fetch(url, { method: 'POST', body: form })
      return response.json()
    }, `${baseUrl()}/admin/api/resources/receipts/actions/new`)
    assert.equal(answer.notice?.type, 'error')
    assert.equal(await countRows('journals'), journalsBefore)
  })
})
