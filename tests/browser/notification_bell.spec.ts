/// <reference lib="dom" />
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Browser, Page } from 'puppeteer'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { receiptNotified } from '#tests/support/notifications'
import { launchBrowser, open, panelLogin, screenshot, waitForText } from '#tests/support/browser'

/** The unread count on the bell ('' when there is no badge). */
const badge = (page: Page) =>
  page.evaluate(
    () => document.querySelector('[data-testid="notification-unread"]')?.textContent ?? ''
  )

async function waitForBadge(page: Page, text: string) {
  await page.waitForFunction(
    (wanted) =>
      (document.querySelector('[data-testid="notification-unread"]')?.textContent ?? '') === wanted,
    {},
    text
  )
}

test.group('The notification bell in the panel (Chromium)', (group) => {
  let browser: Browser
  let close: () => Promise<void>

  group.setup(async () => {
    ;({ browser, close } = await launchBrowser())
    return () => close()
  })

  test('unread count, the list in zh-CN, mark one read, mark all read', async ({
    client,
    assert,
  }) => {
    const finance = await makeUser('finance')
    const owner = await makeUser('sales')
    const customer = await makeCustomer({ salesOwnerId: owner.user.id })
    await receiptNotified(client, finance.token, customer.id, '1200.00')
    await receiptNotified(client, finance.token, customer.id, '35.50')

    const page = await panelLogin(browser, owner.user.email, owner.password)
    await open(page, '/admin', '[data-testid="notification-bell"]')
    await waitForBadge(page, '2')
    await page.click('[data-testid="notification-bell-button"]')
    await waitForText(page, '测试客户 到账 CNY 35.50')
    const messages = await page.$$eval('[data-testid="notification-message"]', (els) =>
      els.map((el) => (el as HTMLElement).innerText)
    )
    assert.lengthOf(messages, 2)
    assert.match(messages[0], /^测试客户 到账 CNY 35\.50（/)
    assert.match(messages[1], /^测试客户 到账 CNY 1,200\.00（/)
    await waitForText(page, '全部标为已读')
    await screenshot(page, 'notification_bell_zh')

    await page.click('[data-testid="notification-mark-read"]')
    await waitForBadge(page, '1')
    const rows = await db.from('notifications').where('user_id', owner.user.id).orderBy('id')
    assert.deepEqual(
      rows.map((row) => row.read_at !== null),
      [false, true]
    )
    await page.click('[data-testid="notification-mark-all"]')
    await waitForBadge(page, '')
    assert.equal(await badge(page), '')
    const unread = await db
      .from('notifications')
      .where('user_id', owner.user.id)
      .whereNull('read_at')
    assert.lengthOf(unread, 0)
  })

  test('an English user reads the bell in English', async ({ client, assert }) => {
    const finance = await makeUser('finance')
    const owner = await makeUser('sales')
    await db.from('users').where('id', owner.user.id).update({ locale: 'en' })
    const customer = await makeCustomer({ salesOwnerId: owner.user.id })
    await receiptNotified(client, finance.token, customer.id, '880.00')

    const page = await panelLogin(browser, owner.user.email, owner.password)
    await open(page, '/admin', '[data-testid="notification-bell"]')
    await waitForBadge(page, '1')
    await page.click('[data-testid="notification-bell-button"]')
    await waitForText(page, '测试客户: received CNY 880.00')
    await waitForText(page, 'Mark all read')
    assert.include(
      await page.$eval('[data-testid="notification-list"]', (el) => (el as HTMLElement).innerText),
      'Payment received'
    )
    await screenshot(page, 'notification_bell_en')
  })
})
