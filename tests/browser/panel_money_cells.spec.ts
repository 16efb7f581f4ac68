/// <reference lib="dom" />
import { test } from '@japa/runner'
import type { Browser } from 'puppeteer'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { expectStatus, postAs } from '#tests/support/api'
import { launchBrowser, open, panelLogin } from '#tests/support/browser'
import { route } from '#tests/support/route'

test.group('Money in panel lists (Chromium)', (group) => {
  let browser: Browser
  let close: () => Promise<void>

  group.setup(async () => {
    ;({ browser, close } = await launchBrowser())
    return () => close()
  })

  test('an amount never wraps mid-number, even in a narrow window', async ({ client, assert }) => {
    const finance = await makeUser('finance')
    const customer = await makeCustomer()
    await expectStatus(
      postAs(client, finance.token, route('receipts.store'), {
        customerId: customer.id,
        amount: '1234567.89',
        currency: 'CNY',
        channel: 'bank_transfer',
      }),
      201
    )
    const page = await panelLogin(browser, finance.user.email, finance.password)
    await page.setViewport({ width: 900, height: 800 })
    await open(page, `/admin/resources/journals?filters.customerId=${customer.id}`)
    await page.waitForSelector('td[data-property-name="balanceEffect"]')
    const cells = await page.$$eval('td[data-property-name="balanceEffect"]', (tds) =>
      tds.map((td) => ({
        text: (td as HTMLElement).innerText,
        whiteSpace: getComputedStyle(td).whiteSpace,
      }))
    )
    assert.isAbove(cells.length, 0)
    for (const cell of cells) {
      assert.equal(cell.whiteSpace, 'nowrap', cell.text)
      assert.notInclude(cell.text, '\n', cell.text)
    }
    assert.isTrue(cells.some((cell) => cell.text.includes('1,234,567.89')))
  })
})
