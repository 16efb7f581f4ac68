/// <reference lib="dom" />
import { test } from '@japa/runner'
import type { Browser } from 'puppeteer'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { expectStatus, postAs } from '#tests/support/api'
import { route } from '#tests/support/route'
import { postReceipt } from '#tests/support/alerts'
import { launchBrowser, open, panelLogin, screenshot, waitForText } from '#tests/support/browser'
import { runNextExport } from '#modules/reports/exports/report_export_runner'

/** The text of the export page's progress figure. */
async function progressShown(page: import('puppeteer').Page) {
  return page.$eval('[data-testid="export-progress"]', (el) => el.textContent)
}

test.group('Report exports in the panel (Chromium)', (group) => {
  let browser: Browser
  let close: () => Promise<void>

  group.setup(async () => {
    ;({ browser, close } = await launchBrowser())
    return () => close()
  })
  // the export queue is shared by the suite: nothing else waits in it when this test starts
  group.each.setup(async () => {
    await db.rawQuery(
      `UPDATE report_exports SET status = 'failed' WHERE status IN ('queued', 'running')`
    )
  })

  test('the export page follows the worker: its progress, then the file, without a reload by hand', async ({
    assert,
    client,
  }) => {
    const finance = await makeUser('finance')
    const customer = await makeCustomer()
    await postReceipt(client, finance.token, {
      customerId: customer.id,
      amount: '321.00',
      entryDate: '2025-04-10',
    })
    const april = { groupBy: 'customer', format: 'csv', from: '2025-04-01', to: '2025-04-30' }
    const queued = await expectStatus(
      postAs(client, finance.token, route('report_exports.store'), april),
      202
    )
    const id = queued.body().id

    const page = await panelLogin(browser, finance.user.email, finance.password)
    await open(
      page,
      `/admin/resources/report_exports/records/${id}/show`,
      '[data-testid="export-progress"]'
    )
    assert.equal(await progressShown(page), '0%')
    assert.isNull(await page.$('[data-testid="pdf-download"]'))

    // the worker builds it while the page is open: the page reloads itself once it is done
    assert.equal(await runNextExport('browser-test'), id)
    await page.waitForSelector('[data-testid="pdf-download"]', { timeout: 20_000 })
    assert.equal(await progressShown(page), '100%')
    await waitForText(page, '已完成')
    await screenshot(page, 'report-export-followed-zh-CN')
    const file = await page.evaluate(async (url) => {
      const response = await fetch(url)
      return { status: response.status, text: await response.text() }
    }, `/admin/reports/exports/${id}/file`)
    assert.equal(file.status, 200)
    assert.include(file.text, '321.00')
  }).timeout(120_000)
})
