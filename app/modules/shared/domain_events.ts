/*
| Domain events other modules react to. Emitted only after the transaction that caused them commits.
*/
import type { JournalView } from '#modules/prepayments/services/journal_view'

declare module '@adonisjs/core/types' {
  interface EventsList {
    'ledger:journal_posted': JournalView
  }
}
