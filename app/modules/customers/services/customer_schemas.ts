import type { JsonSchema } from '#kernel/json_schema'
import { arrayOf, nullable, nullableProps, props, ref, shape } from '#kernel/json_schema'

/** The wire shapes of customer_serializer.ts (API document components). */
export const customerSchemas: Record<string, JsonSchema> = {
  Customer: shape({
    id: ref('Id'),
    ...props('string', 'code name'),
    status: { enum: ['active', 'inactive'] },
    defaultCurrency: ref('Currency'),
    creditLimit: ref('Amount'),
    lowBalanceThreshold: nullable(ref('Amount')),
    salesOwnerId: nullable(ref('Id')),
    ...nullableProps('string', 'contactEmail department address nameEn'),
    ...props('object', 'customFields'),
    createdAt: nullable(ref('Instant')),
    updatedAt: nullable(ref('Instant')),
  }),
  Project: shape({
    id: ref('Id'),
    customerId: ref('Id'),
    ...props('string', 'code name status'),
    contractAmount: nullable(ref('Amount')),
    currency: ref('Currency'),
  }),
  CustomerWithProjects: {
    allOf: [ref('Customer'), shape({ projects: arrayOf(ref('Project')) })],
  },
  CustomerCreated: {
    allOf: [
      ref('Customer'),
      shape(
        {
          creditLimitApproval: {
            description: 'the approval request of a non-zero credit limit given at creation',
            anyOf: [ref('Approval'), { type: 'null' }],
          },
        },
        ['creditLimitApproval']
      ),
    ],
  },
  CustomerPage: shape({ data: arrayOf(ref('Customer')), meta: ref('PageMeta') }),
}
