/*
| The installments module's public surface: what other modules, the workflows layer and the panel may
| import from it (bin/module_graph.mjs --check refuses an import that reaches past this file).
| Everything not named here is the module's own business.
*/

export {
  InstallmentLedger,
  installmentView,
} from '#modules/installments/services/installment_ledger'
export type { InstallmentStatus } from '#modules/installments/services/installment_ledger'
export { installmentSchemas } from '#modules/installments/services/installment_schemas'
export { InstallmentService } from '#modules/installments/services/installment_service'
export {
  installmentPlanValidator,
  installmentQueryValidator,
  matchReceiptValidator,
} from '#modules/installments/validators/installment_validators'
