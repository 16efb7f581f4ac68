/// <reference lib="dom" />
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Browser } from 'puppeteer'
import { makeUser } from '#tests/support/fixtures'
import {
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

test.group('Integration in the admin panel (Chromium)', (group) => {
  let browser: Browser
  let close: () => Promise<void>

  group.setup(async () => {
    ;({ browser, close } = await launchBrowser())
    return () => close()
  })

  test('the admin adds a webhook, reads its secret and rotates it', async ({ assert }) => {
    const admin = await makeUser('admin')
    const page = await panelLogin(browser, admin.user.email, admin.password)
    await open(
      page,
      '/admin/resources/webhook_subscriptions/actions/new',
      '[data-testid="property-edit-url"]'
    )
    await typeInto(page, 'url', 'https://erp.example.com/advance-ledger')
    await typeInto(page, 'events', 'journal.posted, approval.decided')
    const id = await submitForm(page, 'webhook_subscriptions')
    const row = await db.from('webhook_subscriptions').where('id', id).first()
    assert.deepEqual(row.events, ['journal.posted', 'approval.decided'])
    await waitForText(page, 'whsec_')
    await screenshot(page, 'webhook-subscription')
    const shown = await page.$eval('[data-testid="property-show-secret"]', (el) => el.textContent)
    await submitAction(page, 'rotateSecret')
    await waitForText(page, 'rotateSecret ✓')
    // the record re-renders after the notice: wait for the new secret, not for the old element
    const rotatedHandle = await page.waitForFunction(
      (before) => {
        const text = document.querySelector('[data-testid="property-show-secret"]')?.textContent
        return text && text !== before ? text : null
      },
      { timeout: 30_000 },
      shown
    )
    const rotated = (await rotatedHandle.jsonValue()) as string
    assert.notEqual(rotated, shown)
    assert.match(rotated ?? '', /whsec_/)
  }).timeout(120_000)

  test('finance maps an account and downloads vouchers from the panel', async ({ assert }) => {
    const finance = await makeUser('finance')
    const page = await panelLogin(browser, finance.user.email, finance.password)
    await open(
      page,
      '/admin/resources/voucher_account_map/records/6711/edit',
      '[data-testid="property-edit-externalCode"]'
    )
    await page.$eval('[data-testid="property-edit-externalCode"] input', (el) => {
      ;(el as HTMLInputElement).select()
    })
    await typeInto(page, 'externalCode', '6711.01')
    await Promise.all([
      page.waitForFunction(() => location.pathname.endsWith('/show')),
      page.click('button[type=submit]'),
    ])
    const mapped = await db.from('voucher_account_map').where('account_code', '6711').first()
    assert.equal(mapped.external_code, '6711.01')
    await db
      .from('voucher_account_map')
      .where('account_code', '6711')
      .update({ external_code: '6711' })

    await open(
      page,
      '/admin/resources/voucher_account_map/actions/exportVouchers',
      '[data-testid="voucher-export"]'
    )
    await screenshot(page, 'voucher-export')
    const href = await page.$eval('[data-testid="voucher-download"]', (a) => a.getAttribute('href'))
    assert.include(href, `${route('admin.exports.vouchers')}?`)
    const download = await page.evaluate(async (url) => {
      const response = await fetch(`${url}?period=2019-10&format=csv`)
      return {
        status: response.status,
        sha: response.headers.get('x-content-sha256'),
        text: await response.text(),
      }
    }, route('admin.exports.vouchers'))
    assert.equal(download.status, 200)
    assert.match(download.sha ?? '', /^[0-9a-f]{64}$/)
    assert.include(download.text, '凭证字,凭证号,日期,摘要,科目编码')
  }).timeout(120_000)
})
