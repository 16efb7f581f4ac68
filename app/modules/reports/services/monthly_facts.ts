import { CATEGORY } from '#modules/reports/services/report_sql'
import { readClient } from '#kernel/read_replica'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'

/**
 * A period's balances from the monthly closing balances (ledger_monthly_balances, issue 20), so a
 * report for any period reads months, not every line since the beginning. Per customer ×
 * currency × project × channel ("key"):
 *  - the closing before the period's first month is the key's opening (one index probe per key
 *    of ledger_monthly_keys, not a read of every earlier month);
 *  - the months of the period add their movements by category;
 *  - the lines of the first month before `from` move from the movements to the opening, the
 *    lines of the last month after `to` leave the period (at most two months of lines, found from
 *    the journals' date index).
 * `net` is every movement's (an imported opening balance has no category): closing = opening + net.
 * The movements are in the key's currency and, `*_base`, in the base currency.
 * `seen` > 0 when the key has a line on or before `to` (which keys a report lists); `moved` > 0
 * for a month with movements in the period (the sum over the month's rows).
 */
export const PERIOD_FACTS = `
  WITH facts AS (
    SELECT k.customer_id, k.currency, k.project_id, k.channel, :fromMonth::date AS month,
           p.closing AS opening, p.closing_base AS opening_base, 0::numeric AS received,
           0::numeric AS applied, 0::numeric AS refunded, 0::numeric AS adjusted,
           0::numeric AS net, 0::numeric AS net_base, 0::numeric AS received_base,
           0::numeric AS applied_base, 0::numeric AS refunded_base, 0::numeric AS adjusted_base,
           1 AS seen, 0 AS moved
      FROM ledger_monthly_keys k
      JOIN LATERAL (
        SELECT b.closing, b.closing_base FROM ledger_monthly_balances b
         WHERE b.customer_id = k.customer_id AND b.currency = k.currency
           AND b.project_id = k.project_id AND b.channel = k.channel
           AND b.month < :fromMonth::date
         ORDER BY b.month DESC LIMIT 1) p ON true
    UNION ALL
    SELECT customer_id, currency, project_id, channel, month, 0, 0, received, applied, refunded,
           adjusted, net, net_base, received_base, applied_base, refunded_base, adjusted_base,
           lines, lines
      FROM ledger_monthly_balances WHERE month BETWEEN :fromMonth::date AND :toMonth::date
    UNION ALL
    SELECT l.customer_id, l.currency, coalesce(l.project_id, 0), coalesce(j.channel, ''),
           date_trunc('month', l.entry_date)::date,
           CASE WHEN l.entry_date < :from::date THEN l.credit - l.debit ELSE 0 END,
           CASE WHEN l.entry_date < :from::date THEN l.base_credit - l.base_debit ELSE 0 END,
           CASE WHEN ${CATEGORY} = 'receipt' THEN l.debit - l.credit ELSE 0 END,
           CASE WHEN ${CATEGORY} = 'application' THEN l.credit - l.debit ELSE 0 END,
           CASE WHEN ${CATEGORY} = 'refund' THEN l.credit - l.debit ELSE 0 END,
           CASE WHEN ${CATEGORY} = 'adjustment' THEN l.debit - l.credit ELSE 0 END,
           l.debit - l.credit, l.base_debit - l.base_credit,
           CASE WHEN ${CATEGORY} = 'receipt' THEN l.base_debit - l.base_credit ELSE 0 END,
           CASE WHEN ${CATEGORY} = 'application' THEN l.base_credit - l.base_debit ELSE 0 END,
           CASE WHEN ${CATEGORY} = 'refund' THEN l.base_credit - l.base_debit ELSE 0 END,
           CASE WHEN ${CATEGORY} = 'adjustment' THEN l.base_debit - l.base_credit ELSE 0 END,
           CASE WHEN l.entry_date > :to::date THEN -1 ELSE 0 END, -1
      FROM journals j
      -- each journal's lines by its index (OFFSET 0 keeps the planner from hashing all 10M lines
      -- instead: 3.5 s against 0.6 s for two partial months at 5M journals)
      CROSS JOIN LATERAL (
        SELECT * FROM journal_lines l
         WHERE l.journal_id = j.id AND l.customer_id IS NOT NULL OFFSET 0) l
      LEFT JOIN journals o ON o.id = j.reverses_journal_id
     WHERE (j.entry_date >= :fromMonth::date AND j.entry_date < :from::date)
        OR (j.entry_date > :to::date AND j.entry_date < :afterToMonth::date)
  )`

/**
 * Each customer × currency's balance at the end of `to`, in its currency (`closing`) and in base
 * (`closing_base`), as the CTE `closings`: PERIOD_FACTS over `to`'s month (one probe per key and
 * that month's rows and lines). Bindings: closingsBindings(to).
 */
export const CLOSINGS_AT = `${PERIOD_FACTS}, closings AS (
  SELECT f.customer_id, f.currency, sum(f.opening + f.net) AS closing,
         sum(f.opening_base + f.net_base) AS closing_base
    FROM facts f GROUP BY 1, 2)`

/** The named bindings CLOSINGS_AT reads. */
export function closingsBindings(to: string) {
  return periodBindings(DateTime.fromISO(to).startOf('month').toISODate()!, to)
}

/** The named bindings PERIOD_FACTS reads. */
export function periodBindings(from: string, to: string) {
  const toMonth = DateTime.fromISO(to).startOf('month')
  return {
    from,
    to,
    fromMonth: DateTime.fromISO(from).startOf('month').toISODate()!,
    toMonth: toMonth.toISODate()!,
    afterToMonth: toMonth.plus({ months: 1 }).toISODate()!,
  }
}

/**
 * Runs a report's reads in one transaction with room to sort and hash in memory (work_mem is a
 * session setting; SET LOCAL ends with the transaction, the pooled connection keeps its default),
 * on the read replica when one is configured and caught up (read_replica.ts).
 */
export async function inReportSession<T>(
  work: (trx: TransactionClientContract) => Promise<T>
): Promise<T> {
  const client = await readClient()
  return client.transaction(async (trx) => {
    // JIT compiles a report's big aggregates in parallel workers on every call: measured at
    // 10,000 customers, the balances report for an 18-month period took 6.3 s with it, 2.6 s without
    await trx.rawQuery(`SET LOCAL work_mem = '64MB'; SET LOCAL jit = off`)
    return work(trx)
  })
}
