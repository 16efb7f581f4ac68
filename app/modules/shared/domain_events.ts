/*
| Domain events other modules react to. Emitted only after the transaction that caused them commits
| (or, for a refused operation, after it rolled back).
*/
import type { Actor } from '#modules/shared/actor'
import type { JournalView } from '#modules/prepayments/services/journal_view'
import type { ApprovalView } from '#modules/approvals/approval_view'

/** A movement the ledger refused because it would overdraw the balance or break the credit limit. */
export interface OverdrawAttempt {
  customerId: number
  currency: string
  kind: string
  /** requested amount and what was available, in the currency's decimals */
  amount: string
  available: string
  actor: Actor
}

declare module '@adonisjs/core/types' {
  interface EventsList {
    'ledger:journal_posted': JournalView
    /** a request now waits for the decision of its current level */
    'approvals:awaiting_decision': ApprovalView
    'ledger:overdraw_attempted': OverdrawAttempt
  }
}
