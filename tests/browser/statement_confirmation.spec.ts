/// <reference lib="dom" />
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Browser } from 'puppeteer'
import env from '#start/env'
import { startSmtpCapture } from '#tests/support/smtp_capture'
import { customerWithSentStatement } from '#tests/support/confirmations'
import { baseUrl, launchBrowser, screenshot } from '#tests/support/browser'
import { closeSharedRenderer } from '#reports/renderer'

const IPHONE = {
  width: 390,
  height: 844,
  deviceScaleFactor: 1,
  isMobile: true,
  hasTouch: true,
}
const UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148'

test.group('Statement confirmation on a phone (Chromium, 390×844)', (group) => {
  let browser: Browser
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>

  group.setup(async () => {
    const launched = await launchBrowser()
    browser = launched.browser
    smtp = await startSmtpCapture()
    await smtp.useForApp()
    env.set('STATEMENT_LINK_RATE', 10_000)
    return async () => {
      await launched.close()
      await smtp.close()
      await closeSharedRenderer()
    }
  })

  test('the customer reads the statement and confirms it with one tap', async ({
    client,
    assert,
  }) => {
    const { delivery, path } = await customerWithSentStatement(client, smtp.accepted)
    const context = await browser.createBrowserContext()
    const page = await context.newPage()
    await page.setViewport(IPHONE)
    await page.setUserAgent(UA)
    await page.goto(`${baseUrl()}${path}`, { waitUntil: 'load' })

    // fits the phone: nothing wider than the viewport, the answer button within reach
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.isAtMost(width, 390)
    const closing = await page.$eval('[data-currency="CNY"] .closing', (el) => el.textContent)
    assert.equal(closing?.trim(), '13,200.25')
    await screenshot(page, 'statement-confirmation-zh-CN')

    await page.goto(`${baseUrl()}${path}?lang=en`, { waitUntil: 'load' })
    assert.include(await page.$eval('#confirm-button', (el) => el.textContent), 'Confirm')
    await screenshot(page, 'statement-confirmation-en')

    await page.goto(`${baseUrl()}${path}`, { waitUntil: 'load' })
    await Promise.all([page.waitForNavigation(), page.tap('#confirm-button')])
    const status = await page.$eval('#answer-status', (el) => el.textContent)
    assert.include(status, '确认本对账单与贵司记录相符')
    assert.isNull(await page.$('#confirm-button'))
    await screenshot(page, 'statement-confirmation-confirmed-zh-CN')

    const row = await db.from('statement_confirmations').where('delivery_id', delivery.id).first()
    assert.equal(row.status, 'confirmed')
    assert.equal(row.answered_user_agent, UA)
    await context.close()
  }).timeout(90_000)
})
