/*
| Domain events other modules react to. Emitted only after the transaction that caused them commits.
*/
import type { JournalView } from '#modules/prepayments/services/journal_view'
import type { ApprovalView } from '#modules/approvals/approval_view'

declare module '@adonisjs/core/types' {
  interface EventsList {
    'ledger:journal_posted': JournalView
    /** a request now waits for the decision of its current level */
    'approvals:awaiting_decision': ApprovalView
  }
}
