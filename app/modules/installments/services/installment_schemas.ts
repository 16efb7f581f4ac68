import type { JsonSchema } from '#kernel/json_schema'
import { arrayOf, nullable, nullableProps, props, ref, shape } from '#kernel/json_schema'

/** The wire shapes of installment plans (API document components). */
const installment = {
  id: ref('Id'),
  seq: { type: 'integer', minimum: 1 },
  ...nullableProps('string', 'label'),
  dueDate: ref('PlainDate'),
  amount: ref('Amount'),
}

export const installmentSchemas: Record<string, JsonSchema> = {
  InstallmentPlan: shape({ projectId: ref('Id'), installments: arrayOf(shape(installment)) }),
  InstallmentStatus: shape({
    projectId: ref('Id'),
    ...props('string', 'projectCode'),
    customerId: ref('Id'),
    currency: ref('Currency'),
    contractAmount: nullable(ref('Amount')),
    asOf: ref('PlainDate'),
    installments: arrayOf(
      shape({
        ...installment,
        currency: ref('Currency'),
        paid: ref('Amount'),
        outstanding: ref('Amount'),
        overPayment: ref('Amount'),
        underPayment: ref('Amount'),
        ...props('string', 'state'),
        ...props('boolean', 'overdue'),
        receipts: arrayOf({ type: 'object' }),
      })
    ),
    totals: shape({ amount: ref('Amount'), paid: ref('Amount'), outstanding: ref('Amount') }),
  }),
  InstallmentMatch: { type: 'object' },
}
