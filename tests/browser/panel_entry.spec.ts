/// <reference lib="dom" />
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Browser, Page } from 'puppeteer'
import { makeCustomer, makeProject, makeUser } from '#tests/support/fixtures'
import { balanceOf } from '#tests/support/api'
import {
  bodyText,
  choose,
  launchBrowser,
  open,
  panelLogin,
  submitForm,
  typeInto,
  waitForText,
} from '#tests/support/browser'

/** The options a react-select of the form shows once opened. */
async function optionsOf(page: Page, property: string) {
  const field = `[data-testid="property-edit-${property}"]`
  await page.click(`${field} input`)
  await page.waitForSelector(`${field} [id*="-option-"]`)
  return page.$$eval(`${field} [id*="-option-"]`, (els) => els.map((e) => e.textContent ?? ''))
}

test.group('Panel entry: Chinese-first receipt and schedule forms (Chromium)', (group) => {
  let browser: Browser
  let close: () => Promise<void>

  group.setup(async () => {
    ;({ browser, close } = await launchBrowser())
    return () => close()
  })

  test('a receipt: "华东" finds the customer, its projects only, "220,000.00" posts', async ({
    client,
    assert,
  }) => {
    const finance = await makeUser('finance')
    const tag = String(Date.now()).slice(-6)
    const customer = await makeCustomer()
    await db
      .from('customers')
      .where('id', customer.id)
      .update({ name: `华东机械${tag}` })
    const own = await makeProject(customer.id)
    const stranger = await makeCustomer()
    const other = await makeProject(stranger.id)
    const codes = await db.from('projects').whereIn('id', [own.id, other.id]).select('id', 'code')
    const codeOf = (id: number) => codes.find((r) => Number(r.id) === Number(id))!.code
    const [ownCode, otherCode] = [codeOf(own.id), codeOf(other.id)]

    const page = await panelLogin(browser, finance.user.email, finance.password)
    await open(
      page,
      '/admin/resources/receipts/actions/new',
      '[data-testid="property-edit-amount"]'
    )
    // the customer picker finds the Chinese name
    const field = '[data-testid="property-edit-customerId"]'
    await page.click(`${field} input`)
    await page.type(`${field} input`, '华东')
    await page.waitForFunction(
      (selector, wanted) =>
        Array.from(document.querySelectorAll(selector)).some((o) =>
          o.textContent?.includes(wanted)
        ),
      {},
      `${field} [id*="-option-"]`,
      `华东机械${tag}`
    )
    await page.type(`${field} input`, `机械${tag}`)
    await choose(page, 'customerId', '')
    // the project picker lists this customer's projects only
    const projects = await optionsOf(page, 'projectId')
    assert.isTrue(
      projects.some((p) => p.includes(ownCode)),
      projects.join()
    )
    assert.isFalse(
      projects.some((p) => p.includes(otherCode)),
      projects.join()
    )
    await page.keyboard.press('Escape')

    // no currency or channel: refused in Chinese, by label, nothing written
    await typeInto(page, 'amount', '220,000.00')
    await page.click('button[type=submit]')
    await waitForText(page, '收款渠道 为必填项')
    assert.notInclude(await bodyText(page), 'customerId')
    assert.equal(
      await db
        .from('journals')
        .where('customer_id', customer.id)
        .count('* as n')
        .first()
        .then((r) => Number(r!.n)),
      0
    )

    await choose(page, 'currency', 'CNY')
    await choose(page, 'channel', '银行转账')
    await submitForm(page, 'receipts')
    const balance = await balanceOf(client, finance.token, customer.id)
    assert.equal(balance?.balance, '220000.00')
  })

  test('a schedule with customer C-code and the monthly preset saves; never run yet', async ({
    assert,
  }) => {
    const manager = await makeUser('finance_manager')
    const customer = await makeCustomer()
    const page = await panelLogin(browser, manager.user.email, manager.password)
    await open(
      page,
      '/admin/resources/report_schedules/actions/new',
      '[data-testid="property-edit-name"]'
    )
    await typeInto(page, 'name', '华东月度对账单')
    await choose(page, 'cronPreset', '每月1日')
    await typeInto(page, 'customerCodes', customer.code)
    const id = await submitForm(page, 'report_schedules')
    const schedule = await db.from('report_schedules').where('id', id).first()
    assert.deepEqual(schedule.customer_ids.map(Number), [Number(customer.id)])
    assert.equal(schedule.cron, '0 8 1 * *')
    assert.equal(schedule.period_rule, 'previous_month')
    assert.equal(schedule.kind, 'statements')
    await waitForText(page, '从未运行')
  })
})
