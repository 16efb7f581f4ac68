// What other modules may use of installments (docs/structure.md, "Public surfaces").

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
