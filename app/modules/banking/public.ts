// What other modules may use of banking (docs/structure.md, "Public surfaces").

export { default as BankStatementsController } from '#modules/banking/controllers/bank_statements_controller'
export { default as ReconciliationController } from '#modules/banking/controllers/reconciliation_controller'
export { STATEMENT_PROFILES } from '#modules/banking/parsers/parse_statement'
export { BankLineActions } from '#modules/banking/services/bank_line_actions'
export { ReceiptConfirmationService } from '#modules/banking/services/receipt_confirmation_service'
export { bankingSchemas } from '#modules/banking/services/banking_schemas'
export { unreconciledBaseAmount } from '#modules/banking/services/reconciliation_service'
export {
  bankAccountValidator,
  bankLinesQueryValidator,
  bankStatementsQueryValidator,
  bankSettingsValidator,
  confirmLineValidator,
  ignoreLineValidator,
  reconciliationQueryValidator,
  splitLineValidator,
} from '#modules/banking/validators/banking_validators'
