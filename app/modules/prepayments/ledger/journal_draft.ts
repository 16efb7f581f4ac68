import type { Money } from '#kernel/money/money'
import type {
  AccountCode,
  Channel,
  DocumentType,
  JournalKind,
} from '#modules/prepayments/ledger/accounts'

/**
 * What a posting wants to write, before the ledger checks it. `balanceEffect` is the signed change
 * of the customer's advance balance; the lines are derived from it by the posting rules.
 */
export interface JournalDraft {
  kind: JournalKind
  customerId: number
  projectId: number | null
  currency: string
  balanceEffect: Money
  /** the account on the other side of Customer Advances */
  counterAccount: AccountCode
  entryDate: string
  channel?: Channel
  bankReference?: string | null
  documentType?: DocumentType
  documentNo?: string
  reason?: string | null
  memo?: string | null
  reversesJournalId?: number
  approvalId?: number | null
  /** amount reserved for this posting by an approval request, released as it posts */
  releasesReserved?: Money
  /** reversals reuse the original's rate so the base amounts cancel exactly */
  exchangeRate?: string
}

/**
 * The approval a movement carries out once approved: its id goes on the journal and the amount its
 * request reserved is released as the movement posts. Nothing else of a posting is the caller's.
 */
export interface ApprovedBy {
  approvalId: number
  releasesReserved: Money
}
