/* The approvals' domain event: emitted after the transaction that caused it commits. */
import type { ApprovalView } from '#modules/approvals/approval_view'

declare module '@adonisjs/core/types' {
  interface EventsList {
    /** a request now waits for the decision of its current level */
    'approvals:awaiting_decision': ApprovalView
  }
}
