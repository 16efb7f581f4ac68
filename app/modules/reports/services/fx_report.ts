import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { company } from '#kernel/company'
import { Money, formatAmount } from '#kernel/money/money'

export const FX_GROUP_BY = ['period', 'customer', 'project', 'currency'] as const
export type FxGroupBy = (typeof FX_GROUP_BY)[number]

/** The account ledger_post posts exchange differences to (database/sql/ledger.sql). */
const FX_ACCOUNT = '6603'

export interface FxRow {
  key: string
  label: string
  /** the currency whose advances were relieved */
  currency: string
  /** realised 汇兑损益 in the base currency: positive a gain, negative a loss */
  gain: string
  /** unrealised: the month-end revaluations (期末汇兑重估) and their 红冲 dated in the range */
  unrealised: string
}

export interface FxReport {
  groupBy: FxGroupBy
  from: string
  to: string
  baseCurrency: string
  rows: FxRow[]
  /** realised */
  total: string
  unrealisedTotal: string
}

// key and label of each grouping; the customer and project are the journal's (the 6603 line has none)
const GROUPS: Record<FxGroupBy, { key: string; label: string; joins: string }> = {
  period: {
    key: `to_char(l.entry_date, 'YYYY-MM')`,
    label: `to_char(l.entry_date, 'YYYY-MM')`,
    joins: '',
  },
  customer: { key: 'c.code', label: 'c.name', joins: 'JOIN customers c ON c.id = j.customer_id' },
  project: {
    key: `coalesce(p.code, '-')`,
    label: `coalesce(p.name, '-')`,
    joins: 'LEFT JOIN projects p ON p.id = j.project_id',
  },
  currency: { key: 'j.currency', label: 'j.currency', joins: '' },
}

/**
 * A 6603 line of a month-end revaluation or of its 红冲 (unrealised); needs `j` (the line's journal)
 * and `o` (the journal it reverses, LEFT JOINed).
 */
const UNREALISED = `(j.kind = 'revaluation' OR coalesce(o.kind, '') = 'revaluation')`
const REVERSED = 'LEFT JOIN journals o ON o.id = j.reverses_journal_id'

/**
 * Exchange gain/loss (汇兑损益) per period, customer, project or currency: the 6603 lines of
 * [from, to], realised (a posting's third line) and unrealised (the month-end revaluations and
 * their reversals). A 红冲 counts on its own date, as its line does, and cancels what it reverses.
 */
export class FxReportBuilder {
  async build(groupBy: FxGroupBy, from: string, to: string): Promise<FxReport> {
    const group = GROUPS[groupBy]
    const result = await db.rawQuery(
      `SELECT ${group.key} AS key, ${group.label} AS label, j.currency,
              coalesce(sum(l.base_credit - l.base_debit) FILTER (WHERE NOT ${UNREALISED}), 0)
                AS gain,
              coalesce(sum(l.base_credit - l.base_debit) FILTER (WHERE ${UNREALISED}), 0)
                AS unrealised
         FROM journal_lines l
         JOIN journals j ON j.id = l.journal_id
         ${REVERSED}
         ${group.joins}
        WHERE l.account_code = :account AND l.entry_date BETWEEN :from AND :to
        GROUP BY 1, 2, 3
        ORDER BY 1, 3`,
      { account: FX_ACCOUNT, from, to }
    )
    const base = company.baseCurrency
    let total = new Money(0)
    let unrealised = new Money(0)
    const rows = result.rows.map((row: any): FxRow => {
      total = total.plus(row.gain)
      unrealised = unrealised.plus(row.unrealised)
      return {
        key: row.key,
        label: row.label,
        currency: row.currency,
        gain: formatAmount(row.gain, base),
        unrealised: formatAmount(row.unrealised, base),
      }
    })
    return {
      groupBy,
      from,
      to,
      baseCurrency: base,
      rows,
      total: formatAmount(total, base),
      unrealisedTotal: formatAmount(unrealised, base),
    }
  }
}

/** Realised 汇兑损益 of [from, to] in the base currency (a loss negative), read through `client`. */
export async function realisedFxGain(
  client: Pick<QueryClientContract, 'rawQuery'>,
  from: string,
  to: string
): Promise<string> {
  const result = await client.rawQuery(
    `SELECT coalesce(sum(l.base_credit - l.base_debit), 0) AS gain
       FROM journal_lines l JOIN journals j ON j.id = l.journal_id ${REVERSED}
      WHERE l.account_code = :account AND l.entry_date BETWEEN :from AND :to
        AND NOT ${UNREALISED}`,
    { account: FX_ACCOUNT, from, to }
  )
  return formatAmount(result.rows[0].gain, company.baseCurrency)
}
