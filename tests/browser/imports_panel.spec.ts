/// <reference lib="dom" />
import { test } from '@japa/runner'
import { writeFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import type { Browser, ElementHandle, Page } from 'puppeteer'
import { makeCustomer, makeUser, unique } from '#tests/support/fixtures'
import { launchBrowser, open, panelLogin, waitForText } from '#tests/support/browser'

async function uploadFile(page: Page, path: string) {
  const input = (await page.waitForSelector(
    'input[data-testid="import-file"]'
  )) as ElementHandle<HTMLInputElement>
  await input.uploadFile(path)
  await page.click('[data-testid="import-submit"]')
}

test.group('Imports in the admin panel (Chromium)', (group) => {
  let browser: Browser
  let close: () => Promise<void>

  group.setup(async () => {
    ;({ browser, close } = await launchBrowser())
    return () => close()
  })

  test('upload → rejected rows and error report → fixed file → commit', async ({ assert }) => {
    const finance = await makeUser('finance')
    const customer = await makeCustomer()
    const ref = unique('BR')
    const header = '外部单号,客户编码,币种,金额,入账日期,收款方式,银行流水号,备注'
    const bad = join(tmpdir(), `${ref}-bad.csv`)
    const good = join(tmpdir(), `${ref}-good.csv`)
    await writeFile(
      bad,
      `\uFEFF${header}\r\n${ref}-1,${customer.code},CNY,1500.00,2026-03-02,银行转账,,\r\n${ref}-2,${customer.code},CNY,abc,2026-03-03,银行转账,,\r\n`
    )
    await writeFile(
      good,
      `\uFEFF${header}\r\n${ref}-1,${customer.code},CNY,1500.00,2026-03-02,银行转账,,\r\n${ref}-2,${customer.code},CNY,2500.00,2026-03-03,银行转账,,\r\n`
    )
    const page = await panelLogin(browser, finance.user.email, finance.password)
    await open(page, '/admin/resources/import_jobs/actions/upload', '[data-testid="import-upload"]')

    await uploadFile(page, bad)
    await waitForText(page, 'rejected')
    const errors = await page.$$eval('[data-testid="import-error"]', (rows) =>
      rows.map((r) => (r as HTMLElement).innerText)
    )
    assert.lengthOf(errors, 1)
    assert.match(errors[0], /^3\s+金额\s+format\s+金额格式不正确：abc/)
    const report = await page.evaluate(async () => {
      const link = document.querySelector(
        '[data-testid="import-error-report"]'
      ) as HTMLAnchorElement
      const response = await fetch(link.href)
      const body = await response.arrayBuffer()
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        size: body.byteLength,
      }
    })
    assert.equal(report.status, 200)
    assert.include(report.type, 'spreadsheetml')
    assert.isAbove(report.size, 1000)
    const none = await db.from('journals').where('customer_id', customer.id).count('* as n')
    assert.equal(Number(none[0].n), 0)

    await uploadFile(page, good)
    await waitForText(page, 'validated')
    await page.click('[data-testid="import-commit"]')
    await waitForText(page, 'committed')
    const journals = await db
      .from('journals')
      .where('customer_id', customer.id)
      .orderBy('amount')
      .select('amount')
    assert.deepEqual(
      journals.map((j) => j.amount),
      ['1500.0000', '2500.0000']
    )
    await rm(bad)
    await rm(good)
  })

  test('a refunds import is chosen, checked and held for the refund rule’s approver', async ({
    assert,
  }) => {
    const finance = await makeUser('finance')
    const customer = await makeCustomer()
    const ref = unique('RF')
    const receipts = join(tmpdir(), `${ref}-receipts.csv`)
    const refunds = join(tmpdir(), `${ref}-refunds.csv`)
    await writeFile(
      receipts,
      `\uFEFF外部单号,客户编码,币种,金额,入账日期\r\n${ref}-R,${customer.code},CNY,900.00,2026-03-02\r\n`
    )
    await writeFile(
      refunds,
      `\uFEFF外部单号,客户编码,币种,退款金额,退款日期,退款原因\r\n${ref}-F,${customer.code},CNY,300.00,2026-03-05,合同取消\r\n`
    )
    const page = await panelLogin(browser, finance.user.email, finance.password)
    await open(page, '/admin/resources/import_jobs/actions/upload', '[data-testid="import-upload"]')
    await uploadFile(page, receipts)
    await waitForText(page, 'validated')
    await page.click('[data-testid="import-commit"]')
    await waitForText(page, 'committed')

    // choose 历史退款 in the kind selector (react-select: type, then Enter)
    await page.click('[data-testid="import-upload"] input[id^="react-select"]')
    await page.keyboard.type('历史退款')
    await page.keyboard.press('Enter')
    await uploadFile(page, refunds)
    await waitForText(page, 'validated')
    await page.click('[data-testid="import-commit"]')
    await waitForText(page, 'awaiting_approval')
    const held = await page.$eval(
      '[data-testid="import-approval"]',
      (e) => (e as HTMLElement).innerText
    )
    assert.equal(held, '待审批 Awaiting approval: 1 / 1 · finance_manager')
    if (process.env.SCREENSHOT_DIR) {
      await page.screenshot({ path: join(process.env.SCREENSHOT_DIR, 'import_refund_held.png') })
    }
    const job = await db
      .from('import_jobs')
      .where('created_by', finance.user.id)
      .orderBy('id', 'desc')
      .first()
    assert.deepEqual([job.kind, job.status], ['refunds', 'awaiting_approval'])
    const posted = await db
      .from('journals')
      .where({ customer_id: customer.id, kind: 'refund' })
      .count('* as n')
    assert.equal(Number(posted[0].n), 0)
    await rm(receipts)
    await rm(refunds)
  })
})
