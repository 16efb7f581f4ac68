import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'puppeteer'
import { chooseBrowser, type BrowserChoice } from '#reports/browser'
import { asRendererUnavailable } from '#reports/renderer_errors'
import { PRINT_WIDTH_PX, shellHtml, type RenderedDocument } from '#reports/document'

export interface RendererOptions {
  /** pages rendering at the same time (≈ cores; more does not help) */
  poolSize?: number
  /** a fixed browser (benchmarks); otherwise chooseBrowser() decides */
  browser?: BrowserChoice
  /**
   * documents a page prints before it is closed and replaced: a month-end run prints thousands
   * per page, and a page's renderer process keeps memory (fonts, images) from each document
   */
  recycleAfter?: number
}

/**
 * Reports → PDF with one shared Chromium and a small pool of reusable pages. A page is opened on
 * the shell (styles and chart.js, `reports/page.edge`) once; each report is then set into it
 * (`window.__setDocument`) with only the font subsets the page has not loaded yet, and printed
 * once its fonts and charts are ready. A month-end run so sends each page a report's body (tens
 * of kilobytes), not a megabyte of fonts and chart.js per statement. Every failure (no browser,
 * one that cannot run, a crash, a timeout) is a RendererUnavailable whose message names the fix,
 * and the page is replaced; the next render tries again.
 */
export class PdfRenderer {
  private browser?: Promise<Browser>
  /** which browser was launched (system or bundled), once it has been */
  launched?: BrowserChoice
  private userDataDir?: string
  private idle: Page[] = []
  private pages = 0
  private waiters: Array<(page: Page) => void> = []
  private uses = new WeakMap<Page, number>()
  /** the font subsets each page has loaded (keys of FontFace) */
  private loadedFonts = new WeakMap<Page, Set<string>>()
  /** pages opened since launch (a recycled page is replaced by a new one) */
  opened = 0
  readonly poolSize: number
  readonly recycleAfter: number

  constructor(private options: RendererOptions = {}) {
    this.poolSize = options.poolSize ?? 2
    this.recycleAfter = options.recycleAfter ?? 200
  }

  /** Counts a print on the page; true once it has printed its share and should be replaced. */
  private worn(page: Page): boolean {
    const uses = (this.uses.get(page) ?? 0) + 1
    this.uses.set(page, uses)
    return uses >= this.recycleAfter
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      this.browser = (async () => {
        const choice = this.options.browser ?? (await chooseBrowser())
        const { default: puppeteer } = await import('puppeteer')
        this.userDataDir = await mkdtemp(join(tmpdir(), 'al-chromium-'))
        const browser = await puppeteer.launch({
          executablePath: choice.executablePath,
          env: choice.env,
          headless: true,
          pipe: true,
          userDataDir: this.userDataDir,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--disable-background-networking',
            '--font-render-hinting=none',
          ],
        })
        this.launched = choice
        browser.on('disconnected', () => {
          // a crashed browser is relaunched on the next render
          this.browser = undefined
          this.idle = []
          this.pages = 0
        })
        return browser
      })()
      this.browser = this.browser.catch((error) => {
        this.browser = undefined
        throw asRendererUnavailable(error, 'starting the browser')
      })
    }
    return this.browser
  }

  /** Chromium's process id (tests end it by id after killing a worker). */
  async browserPid(): Promise<number | undefined> {
    const browser = await this.launch()
    return browser.process()?.pid
  }

  private async acquire(): Promise<Page> {
    const browser = await this.launch()
    const page = this.idle.pop()
    if (page && !page.isClosed()) return page
    if (this.pages < this.poolSize) {
      this.pages++
      try {
        const fresh = await browser.newPage()
        this.opened++
        await fresh.setViewport({ width: PRINT_WIDTH_PX, height: 1000 })
        await fresh.setJavaScriptEnabled(true)
        await fresh.setContent(await shellHtml(), { waitUntil: 'load' })
        this.loadedFonts.set(fresh, new Set())
        return fresh
      } catch (error) {
        this.pages--
        throw error
      }
    }
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  private release(page: Page, broken: boolean) {
    if (broken) {
      this.pages--
      page.close().catch(() => {})
      const waiter = this.waiters.shift()
      if (waiter) this.acquire().then(waiter, () => this.waiters.unshift(waiter))
      return
    }
    const waiter = this.waiters.shift()
    if (waiter) waiter(page)
    else this.idle.push(page)
  }

  async render(document: RenderedDocument): Promise<Buffer> {
    let page: Page
    try {
      page = await this.acquire()
    } catch (error) {
      throw asRendererUnavailable(error, 'opening a page')
    }
    let broken = false
    try {
      const timeout = document.timeoutMs ?? 30_000
      const loaded = this.loadedFonts.get(page)!
      const newFonts = document.fonts.filter((font) => !loaded.has(font.key))
      await withTimeout(
        page.evaluate((doc) => (window as any).__setDocument(doc), {
          title: document.title,
          lang: document.lang,
          body: document.body,
          charts: document.charts,
          footer: document.footer,
          fontFaces: newFonts.map((font) => font.css()).join('\n'),
        }),
        timeout,
        'setting the report into its page'
      )
      for (const font of newFonts) loaded.add(font.key)
      const pdf = await page.pdf({
        timeout,
        format: 'A4',
        printBackground: true,
        margin: { top: '12mm', bottom: '14mm', left: '12mm', right: '12mm' },
      })
      return Buffer.from(pdf)
    } catch (error) {
      broken = true
      throw asRendererUnavailable(error, 'printing the page')
    } finally {
      // a broken page is replaced; so is a worn one (same path: close it, open a fresh one)
      this.release(page, broken || this.worn(page))
    }
  }

  async close() {
    const browser = this.browser
    this.browser = undefined
    this.idle = []
    this.pages = 0
    const launched = browser ? await browser.catch(() => undefined) : undefined
    await launched?.close().catch(() => {})
    if (this.userDataDir) await rm(this.userDataDir, { recursive: true, force: true })
  }
}

/** The promise, or an error after `ms` (the page is then replaced: it may still be busy). */
function withTimeout<T>(promise: Promise<T>, ms: number, doing: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${doing}: timed out after ${ms} ms`)), ms)
  })
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer))
}

let shared: PdfRenderer | undefined

/** The process-wide renderer (one browser per process). */
export function sharedRenderer(): PdfRenderer {
  if (!shared) {
    shared = new PdfRenderer({
      poolSize: Number(process.env.REPORTS_PAGE_POOL ?? 2),
      recycleAfter: Number(process.env.REPORTS_PAGE_RECYCLE ?? 200),
    })
  }
  return shared
}

export async function closeSharedRenderer() {
  await shared?.close()
  shared = undefined
}
