/*
| The banking module's public surface: what other modules, the workflows layer and the panel may
| import from it (bin/module_graph.mjs --check refuses an import that reaches past this file).
| Everything not named here is the module's own business.
*/

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
  bankSettingsValidator,
  confirmLineValidator,
  ignoreLineValidator,
  reconciliationQueryValidator,
  splitLineValidator,
} from '#modules/banking/validators/banking_validators'
