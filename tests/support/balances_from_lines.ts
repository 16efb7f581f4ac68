import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { company } from '#kernel/company'
import { Money, formatAmount } from '#kernel/money/money'
import { LINES_FROM, movementColumns } from '#modules/reports/services/report_sql'
import type { BalanceRow, GroupBy } from '#modules/reports/services/balances_report'

/**
 * The balances report as it was computed before issue 20: every line since the beginning, joined
 * to its journal (and a reversal's original). The reference the monthly-table report must equal
 * (a month's closing counts every line, also of kinds with no category).
 */
const GROUPS: Record<Exclude<GroupBy, 'period'>, [string, string, string]> = {
  customer: ['c.code', 'c.name', 'JOIN customers c ON c.id = l.customer_id'],
  project: [
    `coalesce(p.code, '-')`,
    `coalesce(p.name, '-')`,
    'LEFT JOIN projects p ON p.id = l.project_id',
  ],
  channel: [`coalesce(j.channel, '-')`, `coalesce(j.channel, '-')`, ''],
  owner: [
    `coalesce(u.email, '-')`,
    `coalesce(u.full_name, '-')`,
    'JOIN customers c ON c.id = l.customer_id LEFT JOIN users u ON u.id = c.sales_owner_id',
  ],
}

function row(key: string, label: string, currency: string, sums: any, base: any): BalanceRow {
  const fmt = (value: any) => formatAmount(new Money(value ?? 0), currency)
  return {
    key,
    label,
    currency,
    opening: fmt(sums.opening),
    received: fmt(sums.received),
    applied: fmt(sums.applied),
    refunded: fmt(sums.refunded),
    adjusted: fmt(sums.adjusted),
    closing: fmt(sums.closing),
    closingBase: formatAmount(new Money(base ?? 0), company.baseCurrency),
  }
}

export async function linesBalancesReport(groupBy: GroupBy, from: string, to: string) {
  if (groupBy !== 'period') {
    const [key, label, joins] = GROUPS[groupBy]
    const result = await db.rawQuery(
      `SELECT ${key} AS key, ${label} AS label, l.currency, ${movementColumns('l.credit', 'l.debit')},
              coalesce(sum(l.base_credit - l.base_debit) FILTER (WHERE l.entry_date <= :to), 0) AS closing_base
         FROM journal_lines l JOIN journals j ON j.id = l.journal_id
         LEFT JOIN journals o ON o.id = j.reverses_journal_id ${joins}
        WHERE l.customer_id IS NOT NULL AND l.entry_date <= :to
        GROUP BY 1, 2, 3 ORDER BY 1, 3`,
      { from, to }
    )
    return result.rows.map((r: any) => row(r.key, r.label, r.currency, r, r.closing_base))
  }
  const result = await db.rawQuery(
    `SELECT l.currency, to_char(greatest(l.entry_date, :from::date), 'YYYY-MM') AS month,
            ${movementColumns('l.credit', 'l.debit')},
            coalesce(sum(l.base_credit - l.base_debit), 0) AS net_base
      ${LINES_FROM} AND l.entry_date <= :to
      GROUP BY 1, 2 ORDER BY 1, 2`,
    { from, to }
  )
  const months: string[] = []
  for (
    let m = DateTime.fromISO(from).startOf('month');
    m <= DateTime.fromISO(to);
    m = m.plus({ months: 1 })
  )
    months.push(m.toFormat('yyyy-MM'))
  const rows: BalanceRow[] = []
  for (const currency of new Set<string>(result.rows.map((r: any) => r.currency))) {
    let closing = new Money(0)
    let closingBase = new Money(0)
    for (const month of months) {
      const r = result.rows.find((x: any) => x.currency === currency && x.month === month)
      const opening = closing.plus(r?.opening ?? 0)
      // every line of the month bucket (categories and kinds of none, e.g. an imported opening)
      closing = closing.plus(r?.closing ?? 0)
      closingBase = closingBase.plus(r?.net_base ?? 0)
      const movements = r ?? { received: 0, applied: 0, refunded: 0, adjusted: 0 }
      rows.push(row(month, month, currency, { ...movements, opening, closing }, closingBase))
    }
  }
  return rows
}
