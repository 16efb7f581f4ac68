// What other modules may use of prepayments (docs/structure.md, "Public surfaces").

export { DocumentLookup } from '#modules/prepayments/documents/document_lookup'
export { documentSchemas } from '#modules/prepayments/documents/document_schemas'
export { DocumentService } from '#modules/prepayments/documents/document_service'
// the documents API's request validators, all of them: the API docs describe each, the panel and
// the imports validate with them
export * from '#modules/prepayments/documents/document_validators'
export { SuggestionService } from '#modules/prepayments/documents/suggestion_service'
export { UnapplicationService } from '#modules/prepayments/documents/unapplication_service'
export type { UnapplicationInput } from '#modules/prepayments/documents/unapplication_service'
export {
  ACCOUNTS,
  CHANNELS,
  DOCUMENT_TYPES,
  JOURNAL_KINDS,
  fundsAccountFor,
} from '#modules/prepayments/ledger/accounts'
export type { AccountCode, Channel } from '#modules/prepayments/ledger/accounts'
export type { ApprovedBy } from '#modules/prepayments/ledger/journal_draft'
export type { OverdrawAttempt } from '#modules/prepayments/ledger/ledger_events'
export { refuse } from '#modules/prepayments/ledger/ledger_refusals'
export { ExchangeRateService } from '#modules/prepayments/services/exchange_rate_service'
export { FxRevaluationService } from '#modules/prepayments/services/fx_revaluation'
export { fxRevaluationSchemas } from '#modules/prepayments/services/fx_revaluation_schemas'
export { journalSchemas } from '#modules/prepayments/services/journal_schemas'
export { plainDateOf } from '#modules/prepayments/services/journal_view'
export type { JournalView } from '#modules/prepayments/services/journal_view'
export { LedgerQueries } from '#modules/prepayments/services/ledger_queries'
export { LedgerWriter } from '#modules/prepayments/services/ledger_writer'
export type { Reservation } from '#modules/prepayments/services/ledger_writer'
export { PeriodService } from '#modules/prepayments/services/period_service'
export { PostingService } from '#modules/prepayments/services/posting_service'
export type {
  AdjustmentInput,
  ApplicationInput,
  RefundInput,
  ReversalInput,
} from '#modules/prepayments/services/posting_service'
export { ProjectAttribution } from '#modules/prepayments/services/project_attribution'
export {
  adjustmentValidator,
  applicationValidator,
  closePeriodValidator,
  exchangeRatesQueryValidator,
  exchangeRateValidator,
  ledgerQueryValidator,
  receiptValidator,
  refundValidator,
  reversalValidator,
} from '#modules/prepayments/validators/posting_validators'
