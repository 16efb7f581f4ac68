import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Edge } from 'edge.js'
import { groupThousands } from '#kernel/money/money'
import { FONT_FAMILY, fontFacesFor } from '#reports/fonts'
import type { Labels } from '#reports/labels'

/** What the renderer prints: the page's HTML and Chromium's footer template. */
export interface RenderedDocument {
  html: string
  footerTemplate: string
  title: string
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

/** chart.js's UMD build, inlined into each page (file:// scripts are refused in setContent pages). */
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

/**
 * A report body template → the full page (fonts for exactly its text, chart.js, the charts) and its
 * "第 N 页 / 共 M 页" footer.
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
  const charts = JSON.stringify(state.charts).replace(/</g, '\\u003c')
  const footerText =
    escapeHtml(state.footerPrefix ?? '') +
    state.t.footer('<span class="pageNumber"></span>', '<span class="totalPages"></span>')
  const html = await edge.render('reports/page', {
    lang: state.lang,
    title: state.title,
    body,
    charts,
    chartJs: chartJs(),
    fontFamily: FONT_FAMILY,
    fontFaces: fontFacesFor(state.title + body + charts),
    printWidth: PRINT_WIDTH_PX,
  })
  const footerTemplate = await edge.render('reports/footer', {
    text: footerText,
    fontFamily: FONT_FAMILY,
    // the footer is printed apart from the page and sees none of its fonts; digits for the numbers
    // (regular weight only: the footer sets no bold)
    fontFaces: fontFacesFor(footerText + '0123456789', [400]),
  })
  return { html, footerTemplate, title: state.title }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
