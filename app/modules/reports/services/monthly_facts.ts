import { CATEGORY } from '#modules/reports/services/report_sql'
import { readClient } from '#kernel/read_replica'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { companyToday } from '#kernel/company'

/**
 * Where a report's facts come from (all kept by the line insert, ledger_monthly.sql): per key
 * (customer × currency × project × channel: ledger_monthly_balances, listed by
 * ledger_monthly_keys) for the report by channel; per project (customer × currency × project:
 * ledger_rollup_months with project_id ≥ 0) for reports by project; per customer × currency
 * (project_id -1, listed by customer_balances) for the rest. Fewer splits read fewer keys and rows.
 */
export type FactsLevel = 'key' | 'project' | 'customer'

interface Level {
  /** the keys, as `k` (customer_id, currency and the level's own columns) */
  keys: string
  /** the level's project and channel columns as the facts carry them */
  key: string
  /** the table of its months, and the condition that picks its rows there */
  months: string
  rows: string
  /** a month row of the key `k` */
  same: string
  /** a month row's and a line's project and channel */
  monthKey: string
  lineKey: string
}

const LEVELS: Record<FactsLevel, Level> = {
  key: {
    keys: 'ledger_monthly_keys',
    key: 'k.project_id, k.channel',
    months: 'ledger_monthly_balances',
    rows: 'true',
    same: 'AND b.project_id = k.project_id AND b.channel = k.channel',
    monthKey: 'project_id, channel',
    lineKey: "coalesce(l.project_id, 0), coalesce(j.channel, '')",
  },
  project: {
    keys: '(SELECT DISTINCT customer_id, currency, project_id FROM ledger_monthly_keys)',
    key: "k.project_id, ''::varchar AS channel",
    months: 'ledger_rollup_months',
    rows: 'project_id >= 0',
    same: 'AND b.project_id = k.project_id',
    monthKey: "project_id, ''",
    lineKey: "coalesce(l.project_id, 0), ''",
  },
  customer: {
    keys: 'customer_balances',
    key: "0::bigint AS project_id, ''::varchar AS channel",
    months: 'ledger_rollup_months',
    rows: 'project_id = -1',
    same: 'AND b.project_id = -1',
    monthKey: "0, ''",
    lineKey: "0, ''",
  },
}

/**
 * A period's balances from the monthly closing balances (issue 20), so a report for any period
 * reads months, not every line since the beginning. Per key of the level (the customer level's
 * rows have project 0 and channel ''), as the CTE `facts`:
 *  - a key's closing at the end of the month before `openMonth` is its opening (one index probe
 *    per key, not a read of every earlier month);
 *  - the months [openMonth, lastRowMonth] add their movements by category;
 *  - the lines of two date ranges correct the months at the period's edges (periodBindings says
 *    which, reading the shorter side of each partial month): a line counted by a month but
 *    outside the period leaves it (sign -1: before `from` it moves to the opening), a line in the
 *    period whose month is not read joins it (sign +1: in the first month it also leaves the
 *    opening). At most two partial months of lines, found from the journals' date index.
 * `net` is every movement's (an imported opening balance has no category): closing = opening + net.
 * The movements are in the key's currency and, `*_base`, in the base currency; every fact carries
 * the month it counts in (the opening: the period's first month).
 * `seen` > 0 when the key has a line on or before `to` (which keys a report lists); `moved` > 0
 * for a month with movements in the period (the sum over the month's rows).
 * Bindings: periodBindings(from, to).
 */
export function periodFacts(level: FactsLevel): string {
  const { keys, key, months, rows, same, monthKey, lineKey } = LEVELS[level]
  const effect = '(l.credit - l.debit)'
  const baseEffect = '(l.base_credit - l.base_debit)'
  const moved = (category: string, amount: string) =>
    `CASE WHEN s.category = '${category}' THEN s.sign * ${amount} ELSE 0 END`
  return `
  WITH facts AS (
    SELECT k.customer_id, k.currency, ${key}, :fromMonth::date AS month,
           p.closing AS opening, p.closing_base AS opening_base, 0::numeric AS received,
           0::numeric AS applied, 0::numeric AS refunded, 0::numeric AS adjusted,
           0::numeric AS net, 0::numeric AS net_base, 0::numeric AS received_base,
           0::numeric AS applied_base, 0::numeric AS refunded_base, 0::numeric AS adjusted_base,
           1 AS seen, 0 AS moved
      FROM ${keys} k
      JOIN LATERAL (
        SELECT b.closing, b.closing_base FROM ${months} b
         WHERE b.customer_id = k.customer_id AND b.currency = k.currency ${same}
           AND b.month < :openMonth::date
         ORDER BY b.month DESC LIMIT 1) p ON true
    UNION ALL
    SELECT customer_id, currency, ${monthKey}, month, 0, 0, received, applied, refunded,
           adjusted, net, net_base, received_base, applied_base, refunded_base, adjusted_base,
           lines, lines
      FROM ${months} WHERE ${rows} AND month BETWEEN :openMonth::date AND :lastRowMonth::date
    UNION ALL
    SELECT l.customer_id, l.currency, ${lineKey}, date_trunc('month', l.entry_date)::date,
           CASE WHEN s.first THEN -s.sign * ${effect} ELSE 0 END,
           CASE WHEN s.first THEN -s.sign * ${baseEffect} ELSE 0 END,
           ${moved('receipt', effect)}, ${moved('application', `-${effect}`)},
           ${moved('refund', `-${effect}`)}, ${moved('adjustment', effect)},
           s.sign * ${effect}, s.sign * ${baseEffect},
           ${moved('receipt', baseEffect)}, ${moved('application', `-${baseEffect}`)},
           ${moved('refund', `-${baseEffect}`)}, ${moved('adjustment', baseEffect)},
           CASE WHEN s.first THEN 0 ELSE s.sign END, s.sign
      FROM journals j
      -- each journal's lines by its index (OFFSET 0 keeps the planner from hashing all 10M lines
      -- instead: 3.5 s against 0.6 s for two partial months at 5M journals)
      CROSS JOIN LATERAL (
        SELECT * FROM journal_lines l
         WHERE l.journal_id = j.id AND l.customer_id IS NOT NULL OFFSET 0) l
      LEFT JOIN journals o ON o.id = j.reverses_journal_id
      CROSS JOIN LATERAL (
        SELECT j.entry_date < :firstTo::date AS first,
               CASE WHEN j.entry_date < :firstTo::date THEN :firstSign::int
                    ELSE :lastSign::int END AS sign,
               ${CATEGORY} AS category) s
     WHERE (j.entry_date >= :firstFrom::date AND j.entry_date < :firstTo::date)
        OR (j.entry_date >= :lastFrom::date AND j.entry_date < :lastTo::date)
  )`
}

/** The facts per project and channel (the balances report by channel). */
export const PERIOD_FACTS = periodFacts('key')

/** The facts per project (the balances report by project, the pack's top projects). */
export const PROJECT_FACTS = periodFacts('project')

/** The facts per customer × currency (every report that does not split by project or channel). */
export const CUSTOMER_FACTS = periodFacts('customer')

/**
 * Each customer × currency's balance at the end of `to`, in its currency (`closing`) and in base
 * (`closing_base`), as the CTE `closings`: CUSTOMER_FACTS over `to`'s month (one probe per
 * customer × currency, and that month's rows and lines). Bindings: closingsBindings(to).
 */
export const CLOSINGS_AT = `${CUSTOMER_FACTS}, closings AS (
  SELECT f.customer_id, f.currency, sum(f.opening + f.net) AS closing,
         sum(f.opening_base + f.net_base) AS closing_base
    FROM facts f GROUP BY 1, 2)`

/** The named bindings CLOSINGS_AT reads. */
export function closingsBindings(to: string) {
  return periodBindings(DateTime.fromISO(to).startOf('month').toISODate()!, to)
}

/**
 * The named bindings of the facts (periodFacts) for [from, to]. Each partial month at an edge is
 * corrected from its shorter side, counted in days up to today (no line is dated later):
 *  - the first month: by default its month row is read and its lines before `from` move to the
 *    opening; when fewer days remain from `from` to the month's end (and the period ends in a later
 *    month), the month row is not read and its lines from `from` on join the period instead;
 *  - the last month: by default its month row is read and its lines after `to` leave the period;
 *    when fewer days lie between the month's start and `to` (and the first month's lines are not
 *    being corrected in the same month), the month row is not read and those lines join instead.
 */
export function periodBindings(from: string, to: string) {
  const start = DateTime.fromISO(from)
  const end = DateTime.fromISO(to)
  const fromMonth = start.startOf('month')
  const toMonth = end.startOf('month')
  const afterFromMonth = fromMonth.plus({ months: 1 })
  const afterToMonth = toMonth.plus({ months: 1 })
  const today = DateTime.fromISO(companyToday())
  const dayAfter = (date: DateTime) => DateTime.min(date, today.plus({ days: 1 }))
  const days = (a: DateTime, b: DateTime) => Math.max(0, b.diff(a, 'days').days)
  const laterMonth = toMonth > fromMonth
  const joinFirst = laterMonth && days(start, dayAfter(afterFromMonth)) < days(fromMonth, start)
  const joinLast =
    (laterMonth || start.equals(fromMonth)) &&
    days(toMonth, end.plus({ days: 1 })) < days(end.plus({ days: 1 }), dayAfter(afterToMonth))
  const iso = (date: DateTime) => date.toISODate()!
  return {
    from,
    to,
    fromMonth: iso(fromMonth),
    openMonth: iso(joinFirst ? afterFromMonth : fromMonth),
    lastRowMonth: iso(joinLast ? toMonth.minus({ months: 1 }) : toMonth),
    firstFrom: iso(joinFirst ? start : fromMonth),
    firstTo: iso(joinFirst ? afterFromMonth : start),
    firstSign: joinFirst ? 1 : -1,
    lastFrom: iso(joinLast ? toMonth : end.plus({ days: 1 })),
    lastTo: iso(joinLast ? end.plus({ days: 1 }) : afterToMonth),
    lastSign: joinLast ? 1 : -1,
  }
}

/**
 * Runs a report's reads in one transaction with room to sort and hash in memory (work_mem is a
 * session setting; SET LOCAL ends with the transaction, the pooled connection keeps its default),
 * on the read replica when one is configured and caught up (read_replica.ts). A report whose reads
 * must reconcile with each other asks for one snapshot (`repeatable read`).
 */
export async function inReportSession<T>(
  work: (trx: TransactionClientContract) => Promise<T>,
  options: { isolationLevel?: 'repeatable read' } = {}
): Promise<T> {
  const client = await readClient()
  return client.transaction(async (trx) => {
    // JIT compiles a report's big aggregates in parallel workers on every call: measured at
    // 10,000 customers, the balances report for an 18-month period took 6.3 s with it, 2.6 s
    // without, and the executive pack's closings by project 2.7 s against 1.8 s
    await trx.rawQuery(`SET LOCAL work_mem = '64MB'; SET LOCAL jit = off`)
    return work(trx)
  }, options)
}
