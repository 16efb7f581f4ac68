/*
| Statement throughput: customer statements (view model from the ledger + HTML + chart.js + PDF)
| rendered by one warm shared Chromium with a pool of pages, over the demo company's customers.
| Needs a booted application whose database holds the demo data (`node ace demo:seed`).
*/
import { availableParallelism } from 'node:os'

export interface StatementBenchOptions {
  /** pages in the renderer's pool (= statements in flight) */
  pool: number
  /** measured statements */
  statements: number
  /** unmeasured statements first (browser launch, first paints) */
  warmup: number
  from: string
  to: string
  log: (line: string) => void
}

export interface StatementBenchResult {
  perSecond: number
  statements: number
  seconds: number
  averagePages: number
}

export async function runStatementBench(
  options: StatementBenchOptions
): Promise<StatementBenchResult> {
  const { default: app } = await import('@adonisjs/core/services/app')
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const { StatementBuilder } = await import('../app/modules/reports/services/statement_builder.js')
  const { PdfRenderer } = await import('../reports/renderer.js')
  const { statementDocument, statementLayout } = await import('../reports/statement_document.js')

  const customers = await db.rawQuery(
    `SELECT DISTINCT customer_id AS id FROM journal_lines WHERE customer_id IS NOT NULL ORDER BY 1`
  )
  const ids: number[] = customers.rows.map((row: { id: number }) => row.id)
  if (!ids.length) throw new Error('no ledger data: run `node ace demo:seed` first')
  const builder = await app.container.make(StatementBuilder)
  const renderer = new PdfRenderer({ poolSize: options.pool })
  let pages = 0
  const renderOne = async (index: number) => {
    const vm = await builder.build(ids[index % ids.length], { from: options.from, to: options.to })
    const layout = statementLayout(vm, 'lines.xlsx')
    const pdf = await renderer.render(await statementDocument(vm, layout))
    pages += (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length
  }
  const runMany = async (count: number) => {
    let next = 0
    await Promise.all(
      Array.from({ length: options.pool }, async () => {
        for (let index = next++; index < count; index = next++) await renderOne(index)
      })
    )
  }
  try {
    await runMany(options.warmup)
    pages = 0
    const started = process.hrtime.bigint()
    await runMany(options.statements)
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    const perSecond = options.statements / seconds
    const averagePages = pages / options.statements
    options.log(
      `statements: ${perSecond.toFixed(2)} PDFs/s (${options.statements} statements of ${ids.length} demo customers, ` +
        `${options.from}…${options.to}, avg ${averagePages.toFixed(1)} pages, pool ${options.pool}, ` +
        `${availableParallelism()} cores, ${seconds.toFixed(1)} s, warm browser)`
    )
    return { perSecond, statements: options.statements, seconds, averagePages }
  } finally {
    await renderer.close()
  }
}
