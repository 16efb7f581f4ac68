import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Edge } from 'edge.js'
import { groupThousands } from '#kernel/money/money'
import { FONT_FAMILY, fontFacesFor, type FontFace } from '#reports/fonts'
import type { Labels } from '#reports/labels'

/**
 * What the renderer prints: a report body, set into a page that already holds the styles and
 * chart.js (the shell, `reports/page.edge`), with the font subsets its text needs and its page
 * footer (CSS, printed in the page's bottom margin box).
 */
export interface RenderedDocument {
  title: string
  lang: string
  /** the body's markup (Edge-rendered: every value escaped) */
  body: string
  charts: ChartSpec[]
  /** the subsets covering the body, the title, the charts and the footer */
  fonts: FontFace[]
  /** the CSS `content` of the page footer, e.g. `"第 " counter(page) " 页 / 共 " counter(pages) " 页"` */
  footer: string
  /** how long the page may take to load and draw (default 30 s; a long statement gets more) */
  timeoutMs?: number
}

export interface ChartSpec {
  id: string
  /** a chart.js configuration; numbers in it exist only to be drawn */
  config: Record<string, unknown>
  /** the scale whose values are days since 1970-01-01, labelled as dates (a true time axis) */
  dateAxis?: string
}

/** Printable width of A4 portrait with 12 mm side margins, in CSS pixels. */
export const PRINT_WIDTH_PX = 703

/** Groups thousands of a decimal string for display (the string's digits are not changed). */
export const amount = groupThousands

/**
 * The report templates: Edge files under resources/views/reports (Edge escapes every `{{ }}`; the
 * few `{{{ }}}` outputs are markup this module builds). Its own instance: PDFs are also rendered by
 * ace commands and benchmarks that start no HTTP server.
 */
const edge = Edge.create({ cache: process.env.NODE_ENV === 'production' })
edge.mount(new URL('../resources/views/', import.meta.url))
edge.global('amount', amount)

let chartSource: string | undefined

/** chart.js's UMD build, inlined into the shell (file:// scripts are refused in setContent pages). */
function chartJs(): string {
  if (!chartSource) {
    const require = createRequire(import.meta.url)
    chartSource = readFileSync(
      join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'),
      'utf8'
    ).replace(/<\/script/gi, '<\\/script')
  }
  return chartSource
}

let shell: Promise<string> | undefined

/** The page every report is set into: styles, chart.js and the function that sets a document. */
export function shellHtml(): Promise<string> {
  shell ??= edge.render('reports/page', {
    chartJs: chartJs(),
    fontFamily: FONT_FAMILY,
    printWidth: PRINT_WIDTH_PX,
  })
  return shell
}

/**
 * A report body template → what the renderer prints: the body, its charts, the fonts for exactly
 * its text and its "第 N 页 / 共 M 页" footer (after a prefix: a statement's number).
 */
export async function renderDocument(
  template: string,
  state: {
    t: Labels
    lang: string
    title: string
    charts: ChartSpec[]
    /** printed before "第 N 页 / 共 M 页" (a statement's number) */
    footerPrefix?: string
  } & Record<string, unknown>
): Promise<RenderedDocument> {
  const body = await edge.render(template, state)
  const footerText = (state.footerPrefix ?? '') + state.t.footer(PAGE, PAGES)
  return {
    title: state.title,
    lang: state.lang,
    body,
    charts: state.charts,
    fonts: fontFacesFor(state.title + body + JSON.stringify(state.charts) + footerText + DIGITS),
    footer: cssContent(footerText),
  }
}

// private-use characters: no label contains them
const PAGE = '\uE000'
const PAGES = '\uE001'
const DIGITS = '0123456789'

/** Footer text with the page markers → a CSS `content` value: quoted text and page counters. */
function cssContent(text: string): string {
  return text
    .split(/([\uE000\uE001])/)
    .filter(Boolean)
    .map((part) =>
      part === PAGE
        ? 'counter(page)'
        : part === PAGES
          ? 'counter(pages)'
          : `"${part.replace(/[\\"]/g, '\\$&').replace(/[\r\n\f]/g, ' ')}"`
    )
    .join(' ')
}
