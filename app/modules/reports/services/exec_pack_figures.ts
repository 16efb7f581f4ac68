import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { Money } from '#kernel/money/money'
import { PERIOD_FACTS, periodBindings } from '#modules/reports/services/monthly_facts'

/**
 * The executive pack's ledger figures, in the base currency, from the monthly closing balances
 * (PERIOD_FACTS: one probe per key, the period's months, at most two months of lines), so the pack
 * costs the same after ten years of ledger as after one (issue 20).
 */

/** A period's KPIs: opening, movements by category, closing (decimal strings). */
const KPI_SUMS = `
  coalesce(sum(f.opening_base), 0) AS opening,
  coalesce(sum(f.received_base), 0) AS received,
  coalesce(sum(f.applied_base), 0) AS applied,
  coalesce(sum(f.refunded_base), 0) AS refunded,
  coalesce(sum(f.adjusted_base), 0) AS adjusted,
  coalesce(sum(f.opening_base + f.net_base), 0) AS closing`

export interface PeriodFigures {
  totals: Record<string, string>
  /** the ten largest balances at the period's end, by customer and by project (none: null code) */
  topCustomers: Array<{ code: string; name: string; amount: string }>
  topProjects: Array<{ code: string | null; name: string | null; amount: string }>
}

/** The period's totals and its ten largest customers and projects by balance at its end. */
export async function periodFigures(
  trx: TransactionClientContract,
  period: { from: string; to: string }
): Promise<PeriodFigures> {
  const result = await trx.rawQuery(
    `${PERIOD_FACTS}, grouped AS (
       SELECT CASE WHEN grouping(f.customer_id) = 0 THEN 'customer'
                   WHEN grouping(f.project_id) = 0 THEN 'project' ELSE 'total' END AS level,
              f.customer_id, f.project_id, ${KPI_SUMS}, sum(f.seen) AS seen
         FROM facts f
        GROUP BY GROUPING SETS ((), (f.customer_id), (f.project_id))
     ), ranked AS (
       SELECT g.*, coalesce(c.code, p.code) AS code, coalesce(c.name, p.name) AS name,
              row_number() OVER (PARTITION BY g.level
                                 ORDER BY g.closing DESC, coalesce(c.code, p.code) NULLS LAST) AS rank
         FROM grouped g
         LEFT JOIN customers c ON g.level = 'customer' AND c.id = g.customer_id
         LEFT JOIN projects p ON g.level = 'project' AND p.id = g.project_id
        WHERE g.level = 'total' OR g.seen > 0
     )
     SELECT * FROM ranked WHERE rank <= 10 ORDER BY level, rank`,
    periodBindings(period.from, period.to)
  )
  const rows = result.rows as Array<Record<string, string>>
  const named = (level: string) =>
    rows
      .filter((row) => row.level === level)
      .map((row) => ({ code: row.code, name: row.name, amount: row.closing }))
  return {
    totals: rows.find((row) => row.level === 'total') ?? zeroTotals(),
    topCustomers: named('customer'),
    topProjects: named('project'),
  }
}

/** A period's totals alone (the period before, for the changes). */
export async function periodTotals(
  trx: TransactionClientContract,
  period: { from: string; to: string }
): Promise<Record<string, string>> {
  const result = await trx.rawQuery(
    `${PERIOD_FACTS} SELECT ${KPI_SUMS} FROM facts f`,
    periodBindings(period.from, period.to)
  )
  return result.rows[0] ?? zeroTotals()
}

export interface MonthFigures {
  month: string
  received: string
  applied: string
  refunded: string
  net: string
}

/**
 * The 12 months up to `to`'s month: the balance before them and each month's movements (only
 * months with movements; the last ends at `to`).
 */
export async function trendFigures(
  trx: TransactionClientContract,
  to: string
): Promise<{ before: string; months: MonthFigures[] }> {
  const first = DateTime.fromISO(to).startOf('month').minus({ months: 11 }).toISODate()!
  const result = await trx.rawQuery(
    `${PERIOD_FACTS}
     SELECT to_char(f.month, 'YYYY-MM') AS month, coalesce(sum(f.received_base), 0) AS received,
            coalesce(sum(f.applied_base), 0) AS applied,
            coalesce(sum(f.refunded_base), 0) AS refunded, coalesce(sum(f.net_base), 0) AS net,
            coalesce(sum(f.opening_base), 0) AS opening, sum(f.moved) AS moved
       FROM facts f GROUP BY 1 ORDER BY 1`,
    periodBindings(first, to)
  )
  const rows = result.rows as Array<MonthFigures & { opening: string; moved: string }>
  return {
    // the keys' closings before the first month (only its rows carry an opening)
    before: rows.reduce((sum, row) => sum.plus(row.opening), new Money(0)).toFixed(),
    months: rows.filter((row) => Number(row.moved) > 0),
  }
}

function zeroTotals(): Record<string, string> {
  return {
    opening: '0',
    received: '0',
    applied: '0',
    refunded: '0',
    adjusted: '0',
    closing: '0',
  }
}
