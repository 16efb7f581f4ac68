import { mkdirSync, writeFileSync } from 'node:fs'
import type pg from 'pg'
import { LINES_FROM, movementColumns } from '../app/modules/reports/services/report_sql.js'
import { CUSTOMER_FACTS, periodBindings } from '../app/modules/reports/services/monthly_facts.js'

const DIR = 'tmp/scale-explain'

/** Named bindings (:name) inlined as literals: these statements are the bench's own constants. */
function inline(sql: string, values: Record<string, string | number>) {
  return sql.replace(/:(\w+)/g, (match, name: string) =>
    name in values ? `'${values[name]}'` : match
  )
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the ledger page and the balances report as they were before
 * issue 20 and as they are now, on the bench's company. Full plans in tmp/scale-explain/.
 */
export async function explainBeforeAfter(
  pool: pg.Pool,
  customerId: number,
  log: (l: string) => void
) {
  mkdirSync(DIR, { recursive: true })
  const month = { customerId, currency: 'CNY', from: '2026-10-01', to: '2026-10-31' }
  const year = { from: '2025-12-01', to: '2026-11-30' }
  const statements: Record<string, string> = {
    'ledger month, before: opening': inline(
      `SELECT coalesce(sum(l.credit - l.debit), 0) FROM journal_lines l
        WHERE l.customer_id = :customerId AND l.currency = :currency AND l.entry_date < :from`,
      month
    ),
    'ledger month, before: lines': inline(
      `SELECT l.id, l.entry_date, l.debit, l.credit, l.project_id, j.id, j.journal_no, j.kind, j.channel,
              j.bank_reference, j.document_type, j.document_no, j.reason, j.memo, j.reverses_journal_id,
              sum(l.credit - l.debit) OVER (ORDER BY l.entry_date, l.id) AS running
         FROM journal_lines l JOIN journals j ON j.id = l.journal_id
        WHERE l.customer_id = :customerId AND l.currency = :currency
          AND l.entry_date BETWEEN :from AND :to ORDER BY l.entry_date, l.id`,
      month
    ),
    'ledger month, after: opening': inline(
      `SELECT coalesce((SELECT sum(s.closing) FROM (
                 SELECT DISTINCT ON (project_id, channel) closing FROM ledger_monthly_balances
                  WHERE customer_id = :customerId AND currency = :currency AND month < :from::date
                  ORDER BY project_id, channel, month DESC) s), 0)
            + coalesce((SELECT sum(l.credit - l.debit) FROM journal_lines l
                  WHERE l.customer_id = :customerId AND l.currency = :currency
                    AND l.entry_date >= :from::date AND (l.entry_date, l.id) < (:from::date, 0)), 0)`,
      month
    ),
    'ledger month, after: first page (limit 200)': inline(
      `SELECT l.id, l.entry_date, l.debit, l.credit, l.project_id, j.id, j.journal_no, j.kind, j.channel,
              j.bank_reference, j.document_type, j.document_no, j.reason, j.memo, j.reverses_journal_id
         FROM (SELECT l.id, l.entry_date, l.debit, l.credit, l.project_id, l.journal_id FROM journal_lines l
                WHERE l.customer_id = :customerId AND l.currency = :currency
                  AND (l.entry_date, l.id) > (:from::date, 0) AND l.entry_date <= :to::date
                ORDER BY l.entry_date, l.id LIMIT 201) l
         JOIN journals j ON j.id = l.journal_id ORDER BY l.entry_date, l.id`,
      month
    ),
    'balances report year, before': inline(
      `SELECT c.code, c.name, l.currency, ${movementColumns('l.credit', 'l.debit')},
              coalesce(sum(l.base_credit - l.base_debit) FILTER (WHERE l.entry_date <= :to), 0)
         ${LINES_FROM.replace('WHERE', 'JOIN customers c ON c.id = l.customer_id WHERE')}
          AND l.entry_date <= :to GROUP BY 1, 2, 3 ORDER BY 1, 3`,
      year
    ),
    'balances report year, after': inline(
      `${CUSTOMER_FACTS}
       SELECT c.code, c.name, f.currency, sum(f.opening), sum(f.received), sum(f.applied),
              sum(f.refunded), sum(f.adjusted), sum(f.opening_base + f.net_base)
         FROM facts f JOIN customers c ON c.id = f.customer_id
        GROUP BY 1, 2, 3 HAVING sum(f.seen) > 0 ORDER BY 1, 3`,
      periodBindings(year.from, year.to)
    ),
  }
  log('— EXPLAIN (ANALYZE, BUFFERS), before → after (full plans in tmp/scale-explain/) —')
  for (const [label, sql] of Object.entries(statements)) {
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      if (label.includes('after') && label.includes('report')) {
        // as inReportSession (monthly_facts.ts) runs a report
        await client.query(`SET LOCAL work_mem = '64MB'; SET LOCAL jit = off`)
      }
      const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`)
      await client.query('ROLLBACK')
      const text = plan.rows.map((r: any) => r['QUERY PLAN']).join('\n')
      writeFileSync(`${DIR}/${label.replace(/[^\w]+/g, '_')}.txt`, `${sql}\n\n${text}\n`)
      const time = /Execution Time: ([\d.]+) ms/.exec(text)?.[1]
      const top = plan.rows
        .slice(0, 3)
        .map((r: any) => String(r['QUERY PLAN']).trim().slice(0, 110))
        .join(' | ')
      log(`${label.padEnd(46)} ${time?.padStart(10)} ms  ${top}`)
    } finally {
      client.release()
    }
  }
}
