import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { groupThousands } from '#modules/prepayments/money/money'

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

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** Groups thousands of a decimal string for display (the string's digits are not changed). */
export const amount = groupThousands

export interface ChartSpec {
  id: string
  /** a chart.js configuration; numbers in it exist only to be drawn */
  config: Record<string, unknown>
}

/** Printable width of A4 portrait with 12 mm side margins, in CSS pixels. */
export const PRINT_WIDTH_PX = 703

const CSS = `
  @page { size: A4; }
  * { box-sizing: border-box; }
  html, body { margin: 0; padding: 0; }
  body { font-family: 'WenQuanYi Micro Hei', sans-serif; font-size: 9.5px; color: #1f2933; width: ${PRINT_WIDTH_PX}px; }
  h1 { font-size: 18px; margin: 0 0 2px; }
  h2 { font-size: 12.5px; margin: 14px 0 6px; padding-bottom: 3px; border-bottom: 1.5px solid #1f4e79; color: #1f4e79; }
  h3 { font-size: 10.5px; margin: 10px 0 4px; }
  .header { display: flex; justify-content: space-between; align-items: flex-end; border-bottom: 2px solid #1f4e79; padding-bottom: 6px; }
  .header .company { font-size: 11px; color: #52606d; }
  .header .meta { text-align: right; color: #52606d; line-height: 1.5; }
  .info { display: grid; grid-template-columns: 1fr 1fr; gap: 2px 16px; margin: 8px 0; padding: 6px 8px; background: #f3f6f9; border-radius: 3px; }
  .info b { color: #52606d; font-weight: normal; margin-right: 6px; }
  table { width: 100%; border-collapse: collapse; }
  th, td { padding: 3px 4px; border-bottom: 0.5px solid #cbd2d9; text-align: left; vertical-align: top; }
  th { background: #1f4e79; color: #fff; font-weight: normal; white-space: nowrap; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; }
  td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
  td.nowrap { white-space: nowrap; }
  tr.strong td { font-weight: bold; background: #eef2f6; }
  .summary { display: flex; gap: 8px; margin: 6px 0; }
  .summary div { flex: 1; border: 0.5px solid #cbd2d9; border-radius: 3px; padding: 4px 6px; }
  .summary span { display: block; color: #52606d; font-size: 8.5px; }
  .summary strong { font-size: 11.5px; }
  .chart { width: 100%; height: 170px; margin: 4px 0 8px; }
  .chart canvas { width: 100% !important; height: 100% !important; }
  .muted { color: #7b8794; }
  .confirm { margin-top: 16px; border: 1px solid #1f4e79; border-radius: 3px; padding: 8px 10px; page-break-inside: avoid; }
  .confirm p { margin: 0 0 8px; line-height: 1.6; }
  .confirm .boxes { display: flex; gap: 24px; margin: 6px 0 14px; }
  .confirm .sign { display: flex; justify-content: space-between; margin-top: 18px; }
  .confirm .line { display: inline-block; min-width: 150px; border-bottom: 0.8px solid #1f2933; }
  .kpis { display: grid; grid-template-columns: repeat(6, 1fr); gap: 6px; margin: 10px 0; }
  .kpis div { border: 0.5px solid #cbd2d9; border-top: 3px solid #1f4e79; padding: 5px 6px; }
  .kpis span { display: block; color: #52606d; }
  .kpis strong { display: block; font-size: 11px; margin-top: 2px; white-space: nowrap; }
  .grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; align-items: start; }
  .block { page-break-inside: avoid; }
`

export function page(title: string, lang: string, body: string, charts: ChartSpec[]): string {
  const drawScript = `
    (function () {
      var specs = ${JSON.stringify(charts).replace(/</g, '\\u003c')};
      Chart.defaults.animation = false;
      Chart.defaults.responsive = false;
      Chart.defaults.devicePixelRatio = 2;
      Chart.defaults.font.family = "'WenQuanYi Micro Hei', sans-serif";
      Chart.defaults.font.size = 9;
      specs.forEach(function (spec) {
        var canvas = document.getElementById(spec.id);
        var box = canvas.parentElement.getBoundingClientRect();
        canvas.width = box.width; canvas.height = box.height;
        canvas.style.width = box.width + 'px'; canvas.style.height = box.height + 'px';
        new Chart(canvas, spec.config);
      });
      window.__chartsReady = true;
    })();`
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${CSS}</style></head><body>${body}
<script>${chartJs()}</script><script>${drawScript}</script></body></html>`
}

/** "第 N 页 / 共 M 页" (or "Page N of M"), filled in by Chromium's header/footer template. */
export function pageFooter(t: { footer: (page: string, total: string) => string }): string {
  const text = t.footer('<span class="pageNumber"></span>', '<span class="totalPages"></span>')
  return `<div style="font-family:'WenQuanYi Micro Hei',sans-serif;font-size:8px;color:#52606d;width:100%;text-align:center;">${text}</div>`
}
