/// <reference lib="dom" />
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Browser } from 'puppeteer'
import { makeCustomer, makeUser, unique } from '#tests/support/fixtures'
import { expectStatus, postAs } from '#tests/support/api'
import {
  baseUrl,
  bodyText,
  launchBrowser,
  open,
  screenshot,
  submitAction,
  waitForText,
} from '#tests/support/browser'
import { route } from '#tests/support/route'

/** panelLogin, with the patience of a loaded machine (the panel's first page bundles its assets). */
async function slowLogin(browser: Browser, email: string, password: string) {
  const context = await browser.createBrowserContext()
  const page = await context.newPage()
  page.setDefaultTimeout(120_000)
  page.setDefaultNavigationTimeout(120_000)
  await page.setViewport({ width: 1280, height: 860 })
  await page.goto(`${baseUrl()}/admin/login`)
  await page.waitForSelector('input[name=email]')
  await page.type('input[name=email]', email)
  await page.type('input[name=password]', password)
  await Promise.all([page.waitForNavigation(), page.click('form button')])
  return page
}

test.group('Documents, 核销建议 and 反核销 in the admin panel (Chromium)', (group) => {
  let browser: Browser
  let close: () => Promise<void>

  group.setup(async () => {
    ;({ browser, close } = await launchBrowser())
    return () => close()
  })

  test('suggestions reviewed and applied in one action; an application un-applied in part', async ({
    assert,
    client,
  }) => {
    const finance = await makeUser('finance')
    const customer = await makeCustomer()
    await expectStatus(
      postAs(client, finance.token, route('receipts.store'), {
        customerId: customer.id,
        amount: '1000.00',
        currency: 'CNY',
        channel: 'bank_transfer',
      }),
      201
    )
    const ids: number[] = []
    for (const [amount, documentDate] of [
      ['300.00', '2026-10-01'],
      ['500.00', '2026-10-15'],
      ['400.00', '2026-11-01'],
    ]) {
      const created = await expectStatus(
        postAs(client, finance.token, route('documents.store'), {
          customerId: customer.id,
          kind: 'invoice',
          number: unique('FP'),
          amount,
          currency: 'CNY',
          documentDate,
        }),
        201
      )
      ids.push(created.body().id)
    }

    // the review: the customer's suggestions, oldest first, within the 1,000.00 available
    const page = await slowLogin(browser, finance.user.email, finance.password)
    await open(page, `/admin/resources/application_suggestions?filters.customerId=${customer.id}`)
    await waitForText(page, '核销建议')
    await waitForText(page, '200.00 CNY')
    const listed = await bodyText(page)
    assert.include(listed, '300.00 CNY')
    assert.include(listed, '500.00 CNY')
    await screenshot(page, 'documents-suggestions')

    // applied in one action from any of its rows
    await open(page, `/admin/resources/application_suggestions/records/${ids[0]}/show`)
    await page.waitForSelector('[data-testid="action-applySuggestions"]')
    await page.click('[data-testid="action-applySuggestions"]')
    await page.waitForSelector('[data-testid="action-form"]')
    await Promise.all([
      page.waitForFunction(() => location.pathname.endsWith('/resources/documents')),
      page.click('[data-testid="action-submit"]'),
    ])
    const documentRows = await db.from('documents').whereIn('id', ids).orderBy('id')
    assert.deepEqual(
      documentRows.map((d) => d.open_amount),
      ['0.0000', '0.0000', '200.0000']
    )
    const balance = await db.from('customer_balances').where({ customer_id: customer.id }).first()
    assert.equal(balance.balance, '0.0000')

    // 反核销 of part of the largest application: it goes to a finance manager (反核销审批)
    const application = await db.from('document_applications').where('document_id', ids[1]).first()
    await open(page, `/admin/resources/journals/records/${application.journal_id}/show`)
    await submitAction(page, 'unapply', async (p) => {
      await p.type('#amount', '120.00')
      await p.type('#reason', '部分退货')
    })
    const request = await db
      .from('approval_requests')
      .where({ action_type: 'unapplication', customer_id: customer.id })
      .first()
    assert.equal(request.status, 'pending')
    assert.equal(request.payload.amount, '120.00')
    assert.equal(request.payload.journalId, application.journal_id)
    await screenshot(page, 'documents-unapply-requested')
  }).timeout(400_000)
})
