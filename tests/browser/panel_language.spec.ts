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

/** Clicks the first element matching `selector` whose text includes `text`. */
async function clickText(page: Page, selector: string, text: string) {
  await page.waitForFunction(
    (sel, wanted) =>
      Array.from(document.querySelectorAll(sel)).some((el) =>
        (el as HTMLElement).innerText.includes(wanted)
      ),
    {},
    selector,
    text
  )
  await page.evaluate(
    (sel, wanted) => {
      const el = Array.from(document.querySelectorAll(sel)).find((e) =>
        (e as HTMLElement).innerText.includes(wanted)
      )
      ;(el as HTMLElement).click()
    },
    selector,
    text
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
    await waitForText(page, '凭证（分录）')
    assert.equal(await page.$eval('html', (html) => html.lang), 'zh-CN')

    await clickText(page, 'button', '简体中文')
    const saved = page.waitForResponse((r) => r.url().endsWith('/admin/language'))
    await clickText(page, '[role="menuitem"], li, a', 'English')
    const answer = await saved
    assert.equal(answer.status(), 200)
    await waitForText(page, 'Journals')

    await page.reload({ waitUntil: 'load', timeout: 120_000 })
    await waitForText(page, 'Journals')
    assert.notInclude(await bodyText(page), '凭证（分录）')
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
    const field = '[data-testid="property-edit-customerId"]'
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent?.includes('请选择…'),
      {},
      field
    )
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
