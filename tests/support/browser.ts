/// <reference lib="dom" />
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import puppeteer, { type Browser, type Page } from 'puppeteer'
import { chooseBrowser } from '#reports/browser'

/**
 * A real Chromium against the test HTTP server (started by tests/bootstrap.ts): the one PDFs use
 * (Debian's when installed, else the npm-shipped one), so a fresh machine runs these too.
 */
export const SCREENSHOTS = 'tmp/screenshots'

export function baseUrl() {
  return `http://127.0.0.1:${process.env.PORT}`
}

export async function launchBrowser(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'al-chromium-'))
  const chromium = await chooseBrowser()
  const browser = await puppeteer.launch({
    executablePath: chromium.executablePath,
    env: chromium.env,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
    ],
    userDataDir,
  })
  mkdirSync(SCREENSHOTS, { recursive: true })
  // AdminJS bundles the panel's components on their first request: not inside a test's timeout
  await fetch(`${baseUrl()}/admin/frontend/assets/components.bundle.js`).catch(() => null)
  return {
    browser,
    close: async () => {
      await browser.close()
      rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` })
}

/** Logs in through the panel's own login page; returns a page on the dashboard. */
export async function panelLogin(browser: Browser, email: string, password: string) {
  const context = await browser.createBrowserContext()
  const page = await context.newPage()
  await page.setViewport({ width: 1280, height: 860 })
  // the first panel page of a run waits for AdminJS's bundle: on a busy machine, beyond 30 s
  page.setDefaultNavigationTimeout(120_000)
  await page.goto(`${baseUrl()}/admin/login`)
  await page.waitForSelector('input[name=email]')
  await page.type('input[name=email]', email)
  await page.type('input[name=password]', password)
  await Promise.all([page.waitForNavigation(), page.click('form button')])
  return page
}

/** The cookie of a panel session, logged in through the login form without a browser. */
export async function panelCookie(email: string, password: string): Promise<string> {
  const login = await fetch(`${baseUrl()}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }).toString(),
  })
  return login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
}

/** Opens a panel page and waits until AdminJS has rendered it. */
export async function open(page: Page, path: string, selector = 'section, [data-testid]') {
  await page.goto(`${baseUrl()}${path}`, { waitUntil: 'networkidle0' })
  await page.waitForSelector(selector)
}

/**
 * Picks an option in an AdminJS select (react-select): types, waits until the first option names
 * `text`, takes it. (While a reference search is typed, the options of an earlier, shorter search
 * can still be showing — with many customers, another customer first; and the list re-renders as
 * results arrive, so an option element cannot be held and clicked.)
 */
export async function choose(page: Page, property: string, text: string) {
  const field = `[data-testid="property-edit-${property}"]`
  await page.click(`${field} input`)
  await page.type(`${field} input`, text)
  await page.waitForFunction(
    (selector, wanted) => document.querySelector(selector)?.textContent?.includes(wanted),
    {},
    `${field} [id*="-option-"]`,
    text
  )
  await page.keyboard.press('Enter')
}

export async function typeInto(page: Page, property: string, text: string) {
  await page.type(`[data-testid="property-edit-${property}"] input`, text)
}

export async function bodyText(page: Page): Promise<string> {
  return page.$eval('body', (body) => (body as HTMLElement).innerText)
}

let failures = 0

/**
 * Waits until the page shows `text` (a line break where a narrow cell wraps counts as a space); on
 * a timeout keeps a screenshot of what it showed instead.
 */
export async function waitForText(page: Page, text: string) {
  try {
    await page.waitForFunction(
      (t) => document.body.innerText.replace(/\s+/g, ' ').includes(t.replace(/\s+/g, ' ')),
      {},
      text
    )
  } catch (error) {
    await screenshot(page, `failure-${process.pid}-${++failures}`)
    throw error
  }
}

/** The record action buttons and the action links on the page (AdminJS: data-testid="action-<name>"). */
export async function actionsOn(page: Page) {
  const buttons = await page.$$eval('[data-testid^="action-"]', (els) =>
    els.map((el) => el.getAttribute('data-testid') ?? '')
  )
  const links = await page.$$eval('a', (as) =>
    as.map((a) => a.getAttribute('href') ?? '').filter((h) => h.includes('/actions/'))
  )
  return { buttons, links }
}

/**
 * Submits the open new/edit form and waits for the show page it leads to (a record of `resource`,
 * when given: a gated edit may lead to an approval request). Returns the shown record's id.
 */
export async function submitForm(page: Page, resource?: string): Promise<number> {
  await Promise.all([
    page.waitForFunction(
      (name) => new RegExp(`${name ?? ''}/records/\\d+/show$`).test(location.pathname),
      {},
      resource
    ),
    page.click('button[type=submit]'),
  ])
  return Number(page.url().match(/records\/(\d+)\/show/)![1])
}

/** Opens a record action's form (action_form.jsx), fills it, submits it and waits for the show page. */
export async function submitAction(
  page: Page,
  action: string,
  fill?: (page: Page) => Promise<void>
) {
  await page.waitForSelector(`[data-testid="action-${action}"]`)
  await page.click(`[data-testid="action-${action}"]`)
  await page.waitForSelector('[data-testid="action-form"]')
  if (fill) await fill(page)
  await Promise.all([
    page.waitForFunction(() => location.pathname.endsWith('/show')),
    page.click('[data-testid="action-submit"]'),
  ])
}
