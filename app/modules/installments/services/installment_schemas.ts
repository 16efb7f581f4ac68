import { nullable, ref, shape, type JsonSchema } from '#kernel/json_schema'

/** The wire shapes of installment plans (API document components). */
const installment = {
  id: ref('Id'),
  seq: { type: 'integer', minimum: 1 },
  label: { type: ['string', 'null'] },
  dueDate: ref('PlainDate'),
  amount: ref('Amount'),
}

export const installmentSchemas: Record<string, JsonSchema> = {
  InstallmentPlan: shape({
    projectId: ref('Id'),
    installments: { type: 'array', items: shape(installment) },
  }),
  InstallmentStatus: shape({
    projectId: ref('Id'),
    projectCode: { type: 'string' },
    customerId: ref('Id'),
    currency: ref('Currency'),
    contractAmount: nullable(ref('Amount')),
    asOf: ref('PlainDate'),
    installments: {
      type: 'array',
      items: shape({
        ...installment,
        currency: ref('Currency'),
        paid: ref('Amount'),
        outstanding: ref('Amount'),
        overPayment: ref('Amount'),
        underPayment: ref('Amount'),
        state: { type: 'string' },
        overdue: { type: 'boolean' },
        receipts: { type: 'array', items: { type: 'object' } },
      }),
    },
    totals: shape({ amount: ref('Amount'), paid: ref('Amount'), outstanding: ref('Amount') }),
  }),
  InstallmentMatch: { type: 'object' },
}
