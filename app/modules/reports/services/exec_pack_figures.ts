import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { Money } from '#kernel/money/money'
import {
  CLOSINGS_AT,
  CUSTOMER_FACTS,
  PROJECT_FACTS,
  closingsBindings,
  periodBindings,
} from '#modules/reports/services/monthly_facts'

/**
 * The executive pack's ledger figures, in the base currency, from the monthly closing balances
 * (monthly_facts.ts: one probe per key, the period's months, at most two months of lines), so the pack
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

/**
 * The period's totals and its ten largest customers (per customer × currency facts) and projects
 * (per project, only at the period's end: the closings at `to`, not the period's months) by
 * balance at its end.
 */
export async function periodFigures(
  trx: TransactionClientContract,
  period: { from: string; to: string }
): Promise<PeriodFigures> {
  const customers = await trx.rawQuery(
    `${CUSTOMER_FACTS}, grouped AS MATERIALIZED (
       SELECT grouping(f.customer_id) = 1 AS total, f.customer_id, ${KPI_SUMS},
              sum(f.seen) AS seen
         FROM facts f
        GROUP BY GROUPING SETS ((), (f.customer_id))
     )
     (SELECT g.*, NULL AS code, NULL AS name FROM grouped g WHERE g.total)
     UNION ALL
     (SELECT g.*, c.code, c.name FROM grouped g JOIN customers c ON c.id = g.customer_id
       WHERE NOT g.total AND g.seen > 0 ORDER BY g.closing DESC, c.code LIMIT 10)`,
    periodBindings(period.from, period.to)
  )
  const projects = await trx.rawQuery(
    `${PROJECT_FACTS}, grouped AS MATERIALIZED (
       SELECT f.project_id, coalesce(sum(f.opening_base + f.net_base), 0) AS closing,
              sum(f.seen) AS seen
         FROM facts f GROUP BY f.project_id)
     SELECT g.closing, p.code, p.name FROM grouped g LEFT JOIN projects p ON p.id = g.project_id
      WHERE g.seen > 0 ORDER BY g.closing DESC, p.code NULLS LAST LIMIT 10`,
    closingsBindings(period.to)
  )
  const rows = customers.rows as Array<Record<string, any>>
  const named = (list: Array<Record<string, any>>) =>
    list.map((row) => ({ code: row.code, name: row.name, amount: row.closing }))
  return {
    // the empty grouping set always gives its row, zeros included
    totals: rows.find((row) => row.total)!,
    topCustomers: named(rows.filter((row) => !row.total)),
    topProjects: named(projects.rows),
  }
}

/** A period's totals alone (the period before, for the changes). */
export async function periodTotals(
  trx: TransactionClientContract,
  period: { from: string; to: string }
): Promise<Record<string, string>> {
  const result = await trx.rawQuery(
    `${CUSTOMER_FACTS} SELECT ${KPI_SUMS} FROM facts f`,
    periodBindings(period.from, period.to)
  )
  return result.rows[0] // an aggregate without GROUP BY: always one row
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
    `${CUSTOMER_FACTS}
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

/**
 * Ageing of unapplied advances (FIFO) in bands of age at `to`: a customer's positive balance in a
 * currency is made of its newest inflows (lines with a base credit), so each band holds the
 * inflows dated in it up to what the newer bands left of the balance; what no inflow within the
 * oldest bound explains is older. Only the bands' credits are read (an index of inflows by date),
 * never every receipt ever made. `maxDays` are the bands' upper bounds, ascending; the result has
 * one amount more (the older rest).
 */
export async function ageingFigures(
  trx: TransactionClientContract,
  to: string,
  maxDays: number[]
): Promise<Money[]> {
  const bands = maxDays.map(
    (days, i) =>
      `coalesce(sum(i.base_credit) FILTER (WHERE i.entry_date >= :to::date - ${days}` +
      `${i ? ` AND i.entry_date < :to::date - ${maxDays[i - 1]}` : ''}), 0) AS band${i}`
  )
  const result = await trx.rawQuery(
    `${CLOSINGS_AT}, inflows AS (
       SELECT i.customer_id, i.currency, ${bands.join(', ')}
         FROM journal_lines i
        WHERE i.customer_id IS NOT NULL AND i.base_credit > 0
          AND i.entry_date BETWEEN :to::date - ${maxDays.at(-1)} AND :to::date
        GROUP BY 1, 2)
     SELECT b.closing_base AS balance,
            ${maxDays.map((_, i) => `coalesce(i.band${i}, 0) AS band${i}`).join(', ')}
       FROM closings b LEFT JOIN inflows i USING (customer_id, currency)
      WHERE b.closing_base > 0`,
    closingsBindings(to)
  )
  const totals = [...maxDays, 'older'].map(() => new Money(0))
  for (const row of result.rows as Array<Record<string, string>>) {
    let left = new Money(row.balance)
    maxDays.forEach((_, i) => {
      const part = Money.min(left, row[`band${i}`])
      totals[i] = totals[i].plus(part)
      left = left.minus(part)
    })
    totals[maxDays.length] = totals[maxDays.length].plus(left)
  }
  return totals
}
