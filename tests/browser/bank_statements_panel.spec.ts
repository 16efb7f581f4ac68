/// <reference lib="dom" />
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Browser, ElementHandle, Page } from 'puppeteer'
import { makeUser } from '#tests/support/fixtures'
import { bankFixture, makeBankAccount } from '#tests/support/banking'
import { launchBrowser, open, panelLogin, screenshot, waitForText } from '#tests/support/browser'

async function uploadFile(page: Page, path: string) {
  const input = (await page.waitForSelector(
    'input[data-testid="bank-file"]'
  )) as ElementHandle<HTMLInputElement>
  await input.uploadFile(path)
  await page.click('[data-testid="bank-submit"]')
}

/** Picks the option of a react-select (inside `[data-testid=box]`) that names `text`. */
async function pick(page: Page, box: string, text: string) {
  const input = `[data-testid="${box}"] input`
  await page.click(input)
  await page.type(input, text)
  await page.waitForFunction(
    (selector, wanted) => document.querySelector(selector)?.textContent?.includes(wanted),
    {},
    `[data-testid="${box}"] [id*="-option-"]`,
    text
  )
  await page.keyboard.press('Enter')
}

test.group('Bank statements in the admin panel (Chromium)', (group) => {
  let browser: Browser
  let close: () => Promise<void>

  group.setup(async () => {
    ;({ browser, close } = await launchBrowser())
    return () => close()
  })

  test('choose the account → upload → counts and the work queue; the same file again adds nothing', async ({
    assert,
  }) => {
    const finance = await makeUser('finance')
    const account = (await makeBankAccount()) as { id: number; account_no: string }
    const page = await panelLogin(browser, finance.user.email, finance.password)
    await open(
      page,
      '/admin/resources/bank_statements/actions/uploadStatement',
      '[data-testid="bank-upload"]'
    )
    await waitForText(page, '自动识别 Auto-detect')
    await pick(page, 'bank-account', account.account_no)
    await uploadFile(page, bankFixture('generic.csv'))
    await waitForText(page, '已导入 imported')

    const statement = await db
      .from('bank_statements')
      .where('bank_account_id', account.id)
      .firstOrFail()
    const lines = await db.from('bank_lines').where('statement_id', statement.id)
    assert.isAbove(lines.length, 0)
    const counts = await page.$eval(
      '[data-testid="bank-lines"]',
      (el) => (el as HTMLElement).innerText
    )
    assert.equal(
      counts,
      `流水 lines ${statement.line_count} · 新增 new ${lines.length} · 已有 already known ${statement.line_count - lines.length}`
    )
    const matching = await page.$eval(
      '[data-testid="bank-matching"]',
      (el) => (el as HTMLElement).innerText
    )
    assert.match(matching, /^已关联 linked \d+ · 自动入账 auto-posted \d+ · 待确认 suggested \d+/)
    const unmatched = lines.filter((l) => l.status === 'unmatched').length
    assert.include(matching, `未匹配 unmatched ${unmatched}`)
    const queue = await page.$eval(
      '[data-testid="bank-queue"]',
      (a) => (a as HTMLAnchorElement).pathname + (a as HTMLAnchorElement).search
    )
    assert.equal(queue, `/admin/resources/bank_lines?filters.statementId=${statement.id}`)
    await waitForText(page, '上传对账单')
    await screenshot(page, 'bank-statement-upload')

    await uploadFile(page, bankFixture('generic.csv'))
    await waitForText(page, '此文件已导入过 already imported')
    const again = await db.from('bank_statements').where('bank_account_id', account.id)
    assert.lengthOf(again, 1)
    assert.lengthOf(await db.from('bank_lines').where('bank_account_id', account.id), lines.length)
  })

  test("an account's reconciliation report downloads as XLSX from the panel", async ({
    assert,
  }) => {
    const finance = await makeUser('finance')
    const account = await makeBankAccount()
    const page = await panelLogin(browser, finance.user.email, finance.password)
    await open(
      page,
      `/admin/resources/bank_accounts/records/${account.id}/reconciliation`,
      '[data-testid="reconciliation-download"]'
    )
    const download = await page.evaluate(async () => {
      const link = document.querySelector(
        '[data-testid="reconciliation-xlsx"]'
      ) as HTMLAnchorElement
      const response = await fetch(link.href)
      const body = await response.arrayBuffer()
      return {
        href: link.getAttribute('href'),
        status: response.status,
        type: response.headers.get('content-type'),
        size: body.byteLength,
      }
    })
    assert.match(
      download.href!,
      new RegExp(
        `^/admin/reconciliation\\?bankAccountId=${account.id}&from=\\d{4}-\\d{2}-01&to=\\d{4}-\\d{2}-\\d{2}&format=xlsx$`
      )
    )
    assert.equal(download.status, 200)
    assert.include(download.type, 'spreadsheetml')
    assert.isAbove(download.size, 1000)
    await screenshot(page, 'reconciliation-download')
  })
})
