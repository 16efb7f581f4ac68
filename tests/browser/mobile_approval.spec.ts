/// <reference lib="dom" />
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Browser, Page } from 'puppeteer'
import { makeUser } from '#tests/support/fixtures'
import { expectStatus, postAs } from '#tests/support/api'
import { customerWithJune } from '#tests/support/report_fixtures'
import { baseUrl, launchBrowser, screenshot } from '#tests/support/browser'

const IPHONE = { width: 390, height: 844, deviceScaleFactor: 1, isMobile: true, hasTouch: true }

/** Logs in through the panel's login page on a phone-sized page. */
async function phoneLogin(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await browser.createBrowserContext()
  const page = await context.newPage()
  await page.setViewport(IPHONE)
  await page.goto(`${baseUrl()}/admin/login`)
  await page.waitForSelector('input[name=email]')
  await page.type('input[name=email]', email)
  await page.type('input[name=password]', password)
  await Promise.all([page.waitForNavigation(), page.click('form button')])
  return page
}

test.group('Mobile approval page (Chromium, 390×844)', (group) => {
  let browser: Browser
  group.setup(async () => {
    const launched = await launchBrowser()
    browser = launched.browser
    return () => launched.close()
  })

  test('the approver sees request, balance and history, and approves with a comment in two taps', async ({
    client,
    assert,
  }) => {
    const { customer } = await customerWithJune(client)
    const clerk = await makeUser('finance')
    const submitted = await expectStatus(
      postAs(client, clerk.token, '/api/v1/refunds', {
        customerId: customer.id,
        amount: '1000.00',
        currency: 'CNY',
      }),
      202
    )
    const id = submitted.body().id as number

    // not logged in: the login page
    const anonymous = await client.get(`/m/approvals/${id}`).redirects(0)
    anonymous.assertStatus(302)
    assert.equal(anonymous.header('location'), '/admin/login')

    // the requester may look but not decide (maker-checker), with the reason shown
    const makerPage = await phoneLogin(browser, clerk.user.email, clerk.password)
    await makerPage.goto(`${baseUrl()}/m/approvals`)
    assert.isNull(await makerPage.$(`[data-request="${id}"]`), 'never in its requester’s inbox')
    await makerPage.goto(`${baseUrl()}/m/approvals/${id}`)
    assert.isNull(await makerPage.$('#approve-button'))
    assert.include(await makerPage.content(), 'maker-checker')
    await makerPage.browserContext().close()

    const manager = await makeUser('finance_manager')
    const page = await phoneLogin(browser, manager.user.email, manager.password)
    // the phone inbox lists it; one tap opens it
    await page.goto(`${baseUrl()}/m/approvals`, { waitUntil: 'load' })
    assert.isAtMost(await page.evaluate(() => document.documentElement.scrollWidth), 390)
    await screenshot(page, 'mobile-inbox-zh-CN')
    await Promise.all([page.waitForNavigation(), page.click(`[data-request="${id}"]`)])
    assert.match(page.url(), new RegExp(`/m/approvals/${id}$`))
    assert.isAtMost(await page.evaluate(() => document.documentElement.scrollWidth), 390)
    const available = await page.$eval('[data-available="CNY"]', (el) => el.textContent)
    assert.equal(available?.trim(), '12,200.25') // 13,200.25 less the 1,000.00 held
    assert.include(await page.content(), 'Test finance')
    await screenshot(page, 'mobile-approval-zh-CN')

    await page.type('#comment', '同意退款')
    await Promise.all([page.waitForNavigation(), page.tap('#approve-button')])
    const status = await page.$eval('#approval-status', (el) => el.textContent)
    assert.equal(status?.trim(), '已批准')
    assert.include(await page.$eval('#decision-status', (el) => el.textContent), '已提交')
    await screenshot(page, 'mobile-approval-approved-zh-CN')

    const request = await db.from('approval_requests').where('id', id).firstOrFail()
    assert.equal(request.status, 'approved')
    assert.isNotNull(request.journal_id)
    const decision = await db.from('approval_decisions').where('request_id', id).firstOrFail()
    assert.equal(decision.decided_by, manager.user.id)
    assert.equal(decision.comment, '同意退款')
    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'approval_request', entity_id: String(id), action: 'approve' })
      .first()
    assert.equal(Number(audit.actor_id), manager.user.id)

    // a second tap on a stale page: refused by the service, shown on the page
    await page.goBack()
    await page.goto(`${baseUrl()}/m/approvals/${id}`)
    assert.isNull(await page.$('#approve-button'))
  }).timeout(90_000)

  test('sales look up the balance of their own customers only', async ({ client, assert }) => {
    const sales = await makeUser('sales')
    const own = await customerWithJune(client)
    const other = await customerWithJune(client)
    await db
      .from('customers')
      .where('id', own.customer.id)
      .update({ sales_owner_id: sales.user.id })
    const page = await phoneLogin(browser, sales.user.email, sales.password)
    await page.goto(`${baseUrl()}/m/balances?q=${encodeURIComponent('华东机械测试户')}`)
    const codes = await page.$$eval('[data-customer]', (els) =>
      els.map((el) => el.getAttribute('data-customer'))
    )
    assert.deepEqual(codes, [own.customer.code])
    assert.notInclude(await page.content(), other.customer.code)
    assert.include(await page.$eval('[data-customer] .big', (el) => el.textContent), '13,200.25')
    await screenshot(page, 'mobile-balance-lookup-zh-CN')
  }).timeout(60_000)
})
