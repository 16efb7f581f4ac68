import { type JsonSchema } from '#modules/shared/json_schema'

/** The wire shapes of installment plans (API document components). */
export const installmentSchemas: Record<string, JsonSchema> = {
  InstallmentPlan: { type: 'object' },
  InstallmentMatch: { type: 'object' },
}
