import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { GroupBy } from '#modules/reports/services/balances_report'

/** What a grouping names its rows by: a change there changes the file as a posting does. */
const NAMES: Record<GroupBy, string> = {
  customer: `(SELECT md5(string_agg(concat_ws('|', id, code, name), ',' ORDER BY id)) FROM customers)`,
  owner: `(SELECT md5(string_agg(concat_ws('|', id, sales_owner_id), ',' ORDER BY id)) FROM customers)
          || (SELECT md5(string_agg(concat_ws('|', id, email, full_name), ',' ORDER BY id)) FROM users)`,
  project: `(SELECT md5(string_agg(concat_ws('|', id, code, name), ',' ORDER BY id)) FROM projects)`,
  channel: `''`,
  period: `''`,
}

/**
 * Where the ledger stands for a report grouped by `groupBy`, as one text: the customer lines
 * posted (customer_balances.line_count, kept by the line insert: lines are only ever added, so an
 * equal count is the same lines) and a digest of the names the grouping shows. Read in the
 * report's own snapshot, it says exactly which ledger a file reflects; an equal position later
 * means the same file would be built again.
 */
export async function ledgerPosition(
  client: Pick<QueryClientContract, 'rawQuery'>,
  groupBy: GroupBy
): Promise<string> {
  const result = await client.rawQuery(
    `SELECT (SELECT coalesce(sum(line_count), 0) FROM customer_balances) AS lines,
            coalesce(${NAMES[groupBy]}, '') AS names`
  )
  const { lines, names } = result.rows[0]
  return names ? `lines:${lines};names:${names}` : `lines:${lines}`
}
