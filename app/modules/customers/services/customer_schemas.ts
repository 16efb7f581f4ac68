import { nullable, ref, shape, type JsonSchema } from '#kernel/json_schema'

/** The wire shapes of customer_serializer.ts (API document components). */
export const customerSchemas: Record<string, JsonSchema> = {
  Customer: shape({
    id: ref('Id'),
    code: { type: 'string' },
    name: { type: 'string' },
    contactEmail: { type: ['string', 'null'] },
    defaultCurrency: ref('Currency'),
    creditLimit: ref('Amount'),
    lowBalanceThreshold: nullable(ref('Amount')),
    salesOwnerId: nullable(ref('Id')),
    department: { type: ['string', 'null'] },
    address: { type: ['string', 'null'] },
    nameEn: { type: ['string', 'null'] },
    status: { enum: ['active', 'inactive'] },
    customFields: { type: 'object' },
    createdAt: nullable(ref('Instant')),
    updatedAt: nullable(ref('Instant')),
  }),
  Project: shape({
    id: ref('Id'),
    customerId: ref('Id'),
    code: { type: 'string' },
    name: { type: 'string' },
    contractAmount: nullable(ref('Amount')),
    currency: ref('Currency'),
    status: { type: 'string' },
  }),
  CustomerWithProjects: {
    allOf: [ref('Customer'), shape({ projects: { type: 'array', items: ref('Project') } })],
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
  CustomerPage: shape({
    data: { type: 'array', items: ref('Customer') },
    meta: ref('PageMeta'),
  }),
}
