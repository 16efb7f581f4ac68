import type { Money } from '#kernel/money/money'
import { formatAmount } from '#kernel/money/money'

export interface BalanceSnapshot {
  currency: string
  balance: Money
  pending: Money
}

/** pg returns DATE columns as local-midnight Dates; this gives back the calendar date itself. */
export function plainDateOf(value: Date | string): string {
  if (typeof value === 'string') return value.slice(0, 10)
  const y = value.getFullYear()
  const m = String(value.getMonth() + 1).padStart(2, '0')
  const d = String(value.getDate()).padStart(2, '0')
  return `${y}-${m}-${d}`
}

export function balanceView(snapshot: BalanceSnapshot) {
  const { currency } = snapshot
  return {
    currency,
    balance: formatAmount(snapshot.balance, currency),
    pending: formatAmount(snapshot.pending, currency),
    available: formatAmount(snapshot.balance.minus(snapshot.pending), currency),
  }
}

/** An amount as the wire carries it: a decimal string in its currency's decimals. */
type Amount = string

/**
 * The wire form of a posted journal, as ledger_post builds it (migration 0040): amounts in the
 * currency's decimals, base amounts in the base currency's, dates as YYYY-MM-DD. (Audit rows
 * carried it until migration 0280; since then a posting's row keeps references and a digest,
 * docs/audit.md.)
 */
export interface JournalView {
  id: number
  journalNo: string
  kind: string
  customerId: number
  projectId: number | null
  currency: string
  amount: Amount
  /** signed effect on the customer's balance */
  balanceEffect: Amount
  exchangeRate: string
  baseAmount: Amount
  /**
   * 汇兑损益 realised by this movement, in the base currency (negative: a loss): the counter
   * account's base minus what Customer Advances gave up at its historical base (line 3, 6603)
   */
  fxGain: Amount
  entryDate: string
  channel: string | null
  bankReference: string | null
  documentType: string | null
  documentNo: string | null
  reason: string | null
  memo: string | null
  reversesJournalId: number | null
  approvalId: number | null
  createdBy: number
  createdAt: string
  lines: Array<{
    lineNo: number
    accountCode: string
    debit: Amount
    credit: Amount
    baseDebit: Amount
    baseCredit: Amount
  }>
  balanceAfter: ReturnType<typeof balanceView>
}
