/// <reference lib="dom" />
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Browser, Page } from 'puppeteer'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { expectStatus, postAs } from '#tests/support/api'
import {
  launchBrowser,
  open,
  panelLogin,
  screenshot,
  submitAction,
  waitForText,
} from '#tests/support/browser'
import { route } from '#tests/support/route'

/** The current-limits table of an action form: its headings and rows as text. */
async function formTable(page: Page) {
  return page.$eval('[data-testid="action-table"] table', (table) => ({
    head: Array.from(table.querySelectorAll('th')).map((th) => th.textContent ?? ''),
    rows: Array.from(table.querySelectorAll('tbody tr')).map((tr) =>
      Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')
    ),
  }))
}

/*
| Issue 19 in the panel: a customer's limits per currency (its action, through the API's workflow
| and gate) and the month-end revaluation run from the panel. USD rates and 2002-08/09 are this
| file's own.
*/
test.group('Limits per currency and FX revaluation in the admin panel (Chromium)', (group) => {
  let browser: Browser
  let close: () => Promise<void>

  group.setup(async () => {
    ;({ browser, close } = await launchBrowser())
    await db.rawQuery(
      `INSERT INTO exchange_rates (currency, rate_date, rate)
       VALUES ('USD', '2002-08-01', 8.00), ('USD', '2002-08-31', 8.10) ON CONFLICT DO NOTHING`
    )
    return () => close()
  })

  test('finance sets a USD low-balance line at once; a USD credit limit waits for approval', async ({
    assert,
  }) => {
    const finance = await makeUser('finance')
    const customer = await makeCustomer()
    const page = await panelLogin(browser, finance.user.email, finance.password)
    await open(page, `/admin/resources/customers/records/${customer.id}/show`)
    await submitAction(page, 'currencyLimits', async (form) => {
      // the currency is picked from the currencies table, never typed
      await form.waitForSelector('select#currency option[value="USD"]')
      await form.select('#currency', 'USD')
      await form.type('#lowBalanceThreshold', '300.00')
    })
    await waitForText(page, '300.00 USD')
    await screenshot(page, 'customer-currency-limits')
    const row = await db
      .from('customer_currency_limits')
      .where({ customer_id: customer.id, currency: 'USD' })
      .first()
    assert.equal(row.low_balance_threshold, '300.0000')
    assert.equal(row.credit_limit, '0.0000')

    await open(page, `/admin/resources/customers/records/${customer.id}/show`)
    await page.click('[data-testid="action-currencyLimits"]')
    await page.waitForSelector('[data-testid="action-form"] [data-testid="action-table"]')
    // the form shows the limits as they stand, one row a currency, and the currencies' names
    const limits = await formTable(page)
    assert.deepEqual(limits.head, ['币种', '信用额度', '低余额预警线'])
    assert.deepEqual(
      limits.rows.find((r) => r[0] === 'USD'),
      ['USD', '0.00 USD', '300.00 USD']
    )
    const options = await page.$$eval('select#currency option', (os) =>
      os.map((o) => [(o as HTMLOptionElement).value, o.textContent])
    )
    assert.deepInclude(options, ['USD', 'USD 美元'])
    assert.deepInclude(options, ['EUR', 'EUR 欧元'])
    await screenshot(page, 'customer-currency-limits-form-zh')
    await page.select('#currency', 'USD')
    await page.type('#creditLimit', '900.00')
    await Promise.all([
      page.waitForFunction(() => location.pathname.includes('/approval_requests/records/')),
      page.click('[data-testid="action-submit"]'),
    ])
    const request = await db
      .from('approval_requests')
      .where({ customer_id: customer.id, action_type: 'credit_limit_change' })
      .first()
    assert.equal(request.status, 'pending')
    assert.equal(request.currency, 'USD')
    const unchanged = await db
      .from('customer_currency_limits')
      .where({ customer_id: customer.id, currency: 'USD' })
      .first()
    assert.equal(unchanged.credit_limit, '0.0000')

    // an English reader: the same form in English
    await db.from('users').where('id', finance.user.id).update({ locale: 'en' })
    await open(page, `/admin/resources/customers/records/${customer.id}/show`)
    await page.click('[data-testid="action-currencyLimits"]')
    await page.waitForSelector('[data-testid="action-form"] [data-testid="action-table"]')
    const english = await formTable(page)
    assert.deepEqual(english.head, ['Currency', 'Credit limit', 'Low-balance threshold'])
    await waitForText(page, 'Current limits per currency')
    const labels = await page.$$eval('select#currency option', (os) => os.map((o) => o.textContent))
    assert.include(labels, 'USD US Dollar')
    await screenshot(page, 'customer-currency-limits-form-en')
  })

  test('the finance manager runs the month-end revaluation of a period from the panel', async ({
    assert,
    client,
  }) => {
    const manager = await makeUser('finance_manager')
    const customer = await makeCustomer({ defaultCurrency: 'USD' })
    await expectStatus(
      postAs(client, manager.token, route('receipts.store'), {
        customerId: customer.id,
        currency: 'USD',
        amount: '100.00',
        channel: 'bank_transfer',
        entryDate: '2002-08-05',
      }),
      201
    )
    const page = await panelLogin(browser, manager.user.email, manager.password)
    await open(
      page,
      '/admin/resources/fx_revaluation_runs/actions/new',
      '[data-testid="property-edit-period"]'
    )
    await page.type('[data-testid="property-edit-period"] input', '2002-08')
    await Promise.all([
      page.waitForFunction(() => location.pathname.endsWith('/fx_revaluation_runs')),
      page.click('button[type=submit]'),
    ])
    // the run covers every customer's open USD balance at 2002-08-31 (other tests' too): this
    // customer's 100 × 8.10 = ¥810.00 against ¥800.00 held is an unrealised loss of ¥10.00
    await waitForText(page, '2002-08 ✓')
    await screenshot(page, 'fx-revaluation-runs')
    const entry = await db.from('fx_revaluation_entries').where('customer_id', customer.id).first()
    assert.equal(entry.difference, '10.0000')
  })
})
