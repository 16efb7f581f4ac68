/// <reference lib="dom" />
import { test } from '@japa/runner'
import ExcelJS from 'exceljs'
import db from '@adonisjs/lucid/services/db'
import type { Browser, Page } from 'puppeteer'
import { countRows, makeCustomer, makeUser, unique } from '#tests/support/fixtures'
import { baseUrl, bodyText, launchBrowser, open, screenshot } from '#tests/support/browser'

/**
 * Logs in at 1440×900 with generous timeouts: after login the dashboard loads AdminJS's whole
 * development bundle, which on a busy two-core machine takes longer than puppeteer's 30 s.
 */
async function login(browser: Browser, email: string, password: string) {
  const context = await browser.createBrowserContext()
  const page = await context.newPage()
  page.setDefaultTimeout(120_000)
  await page.setViewport({ width: 1440, height: 900 })
  await page.goto(`${baseUrl()}/admin/login`)
  await page.type('input[name=email]', email)
  await page.type('input[name=password]', password)
  await Promise.all([page.waitForNavigation(), page.click('form button')])
  return page
}

const c360Path = (id: number) => `/admin/resources/customers/records/${id}/customer360`

/** The CNY balance the 360 page shows (its exact decimal string), or null when it shows none. */
const shownBalance = (page: Page) =>
  page.evaluate(
    () =>
      document
        .querySelector('[data-testid="c360-balance-CNY-value"]')
        ?.getAttribute('data-amount') ?? null
  )

async function fillAction(page: Page, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    const selector = `[data-testid^="c360-form-"] [name="${name}"]`
    const tag = await page.$eval(selector, (element) => element.tagName)
    if (tag === 'SELECT') await page.select(selector, value)
    else await page.type(selector, value)
  }
  await page.click('[data-testid="c360-submit"]')
}

test.group('Customer 360 and the list toolbar in Chromium', (group) => {
  let browser: Browser
  let close: () => Promise<void>

  group.setup(async () => {
    ;({ browser, close } = await launchBrowser())
    // AdminJS bundles the components on the first request for them: not inside a test's timeout
    await fetch(`${baseUrl()}/admin/frontend/assets/components.bundle.js`)
    return () => close()
  })

  test('finance registers a receipt from the 360 page and the balance updates', async ({
    assert,
  }) => {
    const { user, password } = await makeUser('finance')
    const customer = await makeCustomer()
    await db
      .from('customers')
      .where('id', customer.id)
      .update({ name: unique('华东机械') })
    const page = await login(browser, user.email, password)
    await open(page, c360Path(customer.id), '[data-testid="c360-movements"]')
    assert.isNull(await shownBalance(page))
    assert.include(await bodyText(page), '收支明细')

    // a refused form writes nothing and names the field
    await page.click('[data-testid="c360-action-receipt"]')
    await page.waitForSelector('[data-testid="c360-form-receipt"]')
    const before = await countRows('journals', { customer_id: customer.id })
    await fillAction(page, { amount: '1234.56' })
    await page.waitForFunction(
      () => document.querySelector('[data-testid="c360-error-channel"]')?.textContent !== ''
    )
    assert.equal(await countRows('journals', { customer_id: customer.id }), before)

    await fillAction(page, { channel: 'bank_transfer', bankReference: `BR-${customer.code}` })
    await page.waitForSelector('[data-testid="c360-done"]')
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="c360-balance-CNY-value"]')
          ?.getAttribute('data-amount') === '1234.56'
    )
    const row = await db
      .from('customer_balances')
      .where({ customer_id: customer.id, currency: 'CNY' })
      .first()
    assert.equal(row.balance, '1234.5600')
    const journal = await db
      .from('journals')
      .where({ customer_id: customer.id, kind: 'receipt' })
      .first()
    assert.equal(journal.created_by, user.id)
    assert.equal(journal.bank_reference, `BR-${customer.code}`)
    // the new movement is in the table with its running balance
    const running = await page.$$eval('[data-testid="c360-running"]', (cells) =>
      cells.map((c) => c.textContent)
    )
    assert.deepEqual(running, ['1,234.56'])
    await screenshot(page, 'customer-360-after-receipt')
  })

  test('the list search finds 华东 by its Chinese name; the export holds the filtered rows', async ({
    assert,
  }) => {
    const { user, password } = await makeUser('finance')
    const name = unique('华东机械')
    const customer = await makeCustomer()
    await db.from('customers').where('id', customer.id).update({ name })
    const other = await makeCustomer()
    await db
      .from('customers')
      .where('id', other.id)
      .update({ name: unique('西南重工') })

    const page = await login(browser, user.email, password)
    await open(page, '/admin/resources/customers', '[data-testid="list-search"]')
    // the whole (unique) Chinese name: other tests' customers named 华东… may fill the first page
    await page.type('[data-testid="list-search"]', name)
    await page.click('[data-testid="list-search-button"]')
    await page.waitForFunction(() => location.search.includes('filters.q='))
    await page.waitForFunction((expected) => document.body.innerText.includes(expected), {}, name)
    const text = await bodyText(page)
    assert.notInclude(text, '西南重工')
    await page.waitForSelector('[data-testid="list-total-balance"]')

    const href = await page.$eval('[data-testid="list-export"]', (a) => a.getAttribute('href'))
    assert.include(href!, 'filters.q=')
    const base64 = await page.evaluate(async (url) => {
      const response = await fetch(url, { credentials: 'same-origin' })
      const bytes = new Uint8Array(await response.arrayBuffer())
      let binary = ''
      for (const byte of bytes) binary += String.fromCharCode(byte)
      return btoa(binary)
    }, href!)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(base64, 'base64') as any)
    const sheet = book.worksheets[0]
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    const nameColumn = header.indexOf('名称') + 1
    assert.isAbove(nameColumn, 0)
    const names: string[] = []
    for (let r = 2; r <= sheet.rowCount; r++)
      names.push(String(sheet.getRow(r).getCell(nameColumn).value))
    assert.include(names, name)
    assert.isTrue(
      names.every((n) => n.includes('华东')),
      names.join(', ')
    )
    await screenshot(page, 'customer-list-search')
  })
})
