import type { Decimal } from 'decimal.js'
import { formatAmount } from '#modules/prepayments/money/money'
import { company } from '#modules/prepayments/company'

export interface JournalRow {
  id: number
  journal_no: string
  kind: string
  customer_id: string | number
  project_id: string | number | null
  currency: string
  amount: string
  exchange_rate: string
  base_amount: string
  entry_date: Date | string
  channel: string | null
  bank_reference: string | null
  document_type: string | null
  document_no: string | null
  reason: string | null
  memo: string | null
  reverses_journal_id: string | number | null
  approval_id: string | number | null
  created_by: string | number
  created_at: Date | string
}

export interface LineRow {
  line_no: number
  account_code: string
  currency: string
  debit: string
  credit: string
  base_debit: string
  base_credit: string
}

export interface BalanceSnapshot {
  currency: string
  balance: Decimal
  pending: Decimal
}

const toId = (value: string | number | null) => (value === null ? null : Number(value))

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

/** The wire (and audit) form of a posted journal. Amounts are strings in the currency's decimals. */
export function journalView(journal: JournalRow, lines: LineRow[], balanceAfter?: BalanceSnapshot) {
  const currency = journal.currency
  const effect = formatAmount(journal.amount, currency)
  return {
    id: Number(journal.id),
    journalNo: journal.journal_no,
    kind: journal.kind,
    customerId: Number(journal.customer_id),
    projectId: toId(journal.project_id),
    currency,
    amount: effect.replace(/^-/, ''),
    balanceEffect: effect,
    exchangeRate: journal.exchange_rate,
    baseAmount: formatAmount(journal.base_amount, company.baseCurrency),
    entryDate: plainDateOf(journal.entry_date),
    channel: journal.channel,
    bankReference: journal.bank_reference,
    documentType: journal.document_type,
    documentNo: journal.document_no,
    reason: journal.reason,
    memo: journal.memo,
    reversesJournalId: toId(journal.reverses_journal_id),
    approvalId: toId(journal.approval_id),
    createdBy: Number(journal.created_by),
    createdAt: new Date(journal.created_at).toISOString(),
    lines: lines
      .sort((a, b) => a.line_no - b.line_no)
      .map((line) => ({
        lineNo: line.line_no,
        accountCode: line.account_code,
        debit: formatAmount(line.debit, line.currency),
        credit: formatAmount(line.credit, line.currency),
        baseDebit: formatAmount(line.base_debit, company.baseCurrency),
        baseCredit: formatAmount(line.base_credit, company.baseCurrency),
      })),
    ...(balanceAfter ? { balanceAfter: balanceView(balanceAfter) } : {}),
  }
}

export type JournalView = ReturnType<typeof journalView>
