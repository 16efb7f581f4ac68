/// <reference lib="dom" />
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Browser, Page } from 'puppeteer'
import { makeUser } from '#tests/support/fixtures'
import {
  bodyText,
  launchBrowser,
  open,
  panelLogin,
  screenshot,
  waitForText,
} from '#tests/support/browser'

/** Clicks the first element matching `selector` whose text is (or, unless `exact`, includes) `text`. */
async function clickText(page: Page, selector: string, text: string, exact = false) {
  await page.waitForFunction(
    (sel, wanted, whole) =>
      Array.from(document.querySelectorAll(sel)).some((el) => {
        const shown = (el as HTMLElement).innerText.trim()
        return whole ? shown === wanted : shown.includes(wanted)
      }),
    {},
    selector,
    text,
    exact
  )
  await page.evaluate(
    (sel, wanted, whole) => {
      const el = Array.from(document.querySelectorAll(sel)).find((e) => {
        const shown = (e as HTMLElement).innerText.trim()
        return whole ? shown === wanted : shown.includes(wanted)
      })
      ;(el as HTMLElement).click()
    },
    selector,
    text,
    exact
  )
}

test.group('The panel in zh-CN and English (Chromium)', (group) => {
  let browser: Browser
  let close: () => Promise<void>

  group.setup(async () => {
    ;({ browser, close } = await launchBrowser())
    return () => close()
  })

  test('English chosen in the top bar survives a reload and is the user’s language', async ({
    assert,
  }) => {
    const finance = await makeUser('finance')
    const page = await panelLogin(browser, finance.user.email, finance.password)
    await open(page, '/admin')
    await waitForText(page, '余额合计（按币种）')
    assert.equal(await page.$eval('html', (html) => html.lang), 'zh-CN')

    await clickText(page, '[data-css="topbar"] button', '简体中文', true)
    const saved = page.waitForResponse((r) => r.url().endsWith('/admin/language'))
    await clickText(page, '[data-css="topbar"] section', 'English', true)
    const answer = await saved
    assert.equal(answer.status(), 200)
    await waitForText(page, 'Total balances by currency')

    await page.reload({ waitUntil: 'load', timeout: 120_000 })
    await waitForText(page, 'Total balances by currency')
    assert.notInclude(await bodyText(page), '余额合计')
    assert.equal(await page.$eval('html', (html) => html.lang), 'en')
    const row = await db.from('users').where('id', finance.user.id).first()
    assert.equal(row.locale, 'en')
    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'user', entity_id: String(finance.user.id), action: 'update' })
      .orderBy('id', 'desc')
      .first()
    assert.deepEqual(audit.after, { locale: 'en' })
    await screenshot(page, 'panel_language_en')
  }).timeout(180_000)

  test('the date filter reads 从/至 on journals and the audit log, never 改发至', async ({
    assert,
  }) => {
    const auditor = await makeUser('auditor')
    const page = await panelLogin(browser, auditor.user.email, auditor.password)
    for (const path of ['/admin/resources/journals', '/admin/resources/audit_logs']) {
      await open(page, path)
      await clickText(page, 'button, a', '筛选')
      await waitForText(page, '- 至:')
      const text = await bodyText(page)
      assert.include(text, '- 从:')
      assert.notInclude(text, '改发至')
    }
  }).timeout(180_000)

  test('zh-CN selects say 请选择… and 无选项, not "Select..." / "No options"', async ({
    assert,
  }) => {
    const finance = await makeUser('finance')
    const page = await panelLogin(browser, finance.user.email, finance.password)
    await open(
      page,
      '/admin/resources/receipts/actions/new',
      '[data-testid="property-edit-channel"]'
    )
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent?.includes('请选择…'),
      {},
      '[data-testid="property-edit-channel"]'
    )
    const field = '[data-testid="property-edit-customerId"]'
    await page.click(`${field} input`)
    await page.type(`${field} input`, 'zz-no-such-customer')
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent?.includes('无选项'),
      {},
      field
    )
    const text = await page.$eval(field, (el) => (el as HTMLElement).innerText)
    assert.notInclude(text, 'No options')
    assert.notInclude(await bodyText(page), 'Select...')
  }).timeout(180_000)
})
