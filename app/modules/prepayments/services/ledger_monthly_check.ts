import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * 月末余额, every month: the per-key table equals its recomputation from the lines, the roll-ups
 * (per project, per customer × currency) equal the per-key table summed, and each balance row's
 * line count equals its months' lines.
 */
export async function monthsRecomputed(
  client: Pick<QueryClientContract, 'rawQuery'>
): Promise<Array<Record<string, any>>> {
  const monthly = await client.rawQuery(`
    WITH r AS (SELECT * FROM ledger_monthly_recomputed()),
         m AS (SELECT customer_id, currency, project_id, channel, month, received, applied,
                      refunded, adjusted, net, received_base, applied_base, refunded_base,
                      adjusted_base, net_base, lines::bigint,
                      closing, closing_base FROM ledger_monthly_balances),
         rr AS (SELECT * FROM ledger_rollup_summed()),
         rm AS (SELECT customer_id, currency, project_id, month, received, applied, refunded,
                       adjusted, net, received_base, applied_base, refunded_base, adjusted_base,
                       net_base, lines::bigint, closing, closing_base FROM ledger_rollup_months)
    SELECT 'missing or different' AS problem, * FROM (TABLE r EXCEPT TABLE m) a
    UNION ALL
    SELECT 'not in the lines' AS problem, * FROM (TABLE m EXCEPT TABLE r) b
    UNION ALL
    SELECT 'key not listed' AS problem, m.*
      FROM m
     WHERE NOT EXISTS (SELECT 1 FROM ledger_monthly_keys k
                        WHERE k.customer_id = m.customer_id AND k.currency = m.currency
                          AND k.project_id = m.project_id AND k.channel = m.channel)
    UNION ALL
    SELECT 'roll-up missing or different', customer_id, currency, project_id, NULL, month,
           received, applied, refunded, adjusted, net, received_base, applied_base,
           refunded_base, adjusted_base, net_base, lines, closing, closing_base
      FROM (TABLE rr EXCEPT TABLE rm) c
    UNION ALL
    SELECT 'roll-up not in the keys', customer_id, currency, project_id, NULL, month,
           received, applied, refunded, adjusted, net, received_base, applied_base,
           refunded_base, adjusted_base, net_base, lines, closing, closing_base
      FROM (TABLE rm EXCEPT TABLE rr) d
    LIMIT 100`)
  // the balance rows' line counts (a cached report's ledger position) against the months'
  const counts = await client.rawQuery(`
    SELECT 'line count differs from the months' AS problem, b.customer_id, b.currency,
           b.line_count, coalesce(m.lines, 0) AS lines
      FROM customer_balances b
      LEFT JOIN (SELECT customer_id, currency, sum(lines) AS lines FROM ledger_rollup_months
                  WHERE project_id = -1 GROUP BY 1, 2) m USING (customer_id, currency)
     WHERE b.line_count <> coalesce(m.lines, 0)
     LIMIT 100`)
  return [...monthly.rows, ...counts.rows]
}
