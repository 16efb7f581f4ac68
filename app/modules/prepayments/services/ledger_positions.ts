import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { Money } from '#kernel/money/money'

export type RawClient = Pick<QueryClientContract, 'rawQuery'>

/** A place in a customer's ledger: after every line ordered before (entryDate, id). */
export interface LedgerPosition {
  entryDate: string
  id: number
}

export interface LedgerKey {
  customerId: number
  currency: string
  projectId?: number
}

/**
 * The balance of every Customer Advances line ordered before a position (entry_date, id): the
 * closing of the month before, one row per project and channel of ledger_monthly_balances, plus
 * the lines of the position's own month before it (an index-only range of the covering index).
 * So it costs the same for the first month and the tenth year of a customer (issue 20).
 */
export async function balanceBefore(
  client: RawClient,
  key: LedgerKey,
  position: LedgerPosition
): Promise<Money> {
  const projectMonthly = key.projectId ? 'AND project_id = :projectId' : ''
  const projectLines = key.projectId ? 'AND l.project_id = :projectId' : ''
  const month = DateTime.fromISO(position.entryDate).startOf('month').toISODate()!
  const result = await client.rawQuery(
    `SELECT coalesce((SELECT sum(s.closing) FROM (
               SELECT DISTINCT ON (project_id, channel) closing FROM ledger_monthly_balances
                WHERE customer_id = :customerId AND currency = :currency ${projectMonthly}
                  AND month < :month::date
                ORDER BY project_id, channel, month DESC) s), 0)
          + coalesce((SELECT sum(l.credit - l.debit) FROM journal_lines l
                WHERE l.customer_id = :customerId AND l.currency = :currency ${projectLines}
                  AND l.entry_date >= :month::date
                  AND (l.entry_date, l.id) < (:entryDate::date, :id::bigint)), 0) AS balance`,
    {
      customerId: key.customerId,
      currency: key.currency,
      projectId: key.projectId ?? 0,
      month,
      entryDate: position.entryDate,
      id: position.id,
    }
  )
  return new Money(result.rows[0].balance)
}

/** The position just after every line dated on or before `date`. */
export function endOfDay(date: string): LedgerPosition {
  return { entryDate: date, id: Number.MAX_SAFE_INTEGER }
}

/** Opaque page cursor: the last line's entry date and id (no balance: it is recomputed). */
export function encodeCursor(position: LedgerPosition): string {
  return Buffer.from(`${position.entryDate}~${position.id}`).toString('base64url')
}

export function decodeCursor(cursor: string): LedgerPosition | null {
  const match = /^(\d{4}-\d{2}-\d{2})~(\d{1,18})$/.exec(
    Buffer.from(cursor, 'base64url').toString('utf8')
  )
  if (!match || !DateTime.fromISO(match[1]).isValid) return null
  return { entryDate: match[1], id: Number(match[2]) }
}
