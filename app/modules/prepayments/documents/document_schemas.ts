import { nullable, ref, shape, type JsonSchema } from '#kernel/json_schema'
import { journalReference } from '#modules/prepayments/services/journal_schemas'

/** The wire shapes of document_view.ts and the suggestions (API components). */
const document = {
  id: ref('Id'),
  customerId: ref('Id'),
  projectId: nullable(ref('Id')),
  kind: { enum: ['invoice', 'order', 'delivery'] },
  number: { type: 'string' },
  currency: ref('Currency'),
  amount: ref('Amount'),
  openAmount: ref('Amount'),
  appliedAmount: ref('Amount'),
  status: { enum: ['open', 'settled', 'cancelled'] },
  documentDate: ref('PlainDate'),
  dueDate: nullable(ref('PlainDate')),
  memo: { type: ['string', 'null'] },
  cancelReason: { type: ['string', 'null'] },
  createdBy: ref('Id'),
  createdAt: ref('Instant'),
}

export const documentSchemas: Record<string, JsonSchema> = {
  Document: shape(document),
  DocumentPage: shape({
    data: { type: 'array', items: ref('Document') },
    page: { type: 'integer' },
    perPage: { type: 'integer' },
  }),
  DocumentWithApplications: shape({
    ...document,
    applications: {
      type: 'array',
      items: shape({
        ...journalReference,
        amount: ref('Amount'),
        unapplied: ref('Amount'),
        reversed: { type: 'boolean' },
      }),
    },
  }),
  ApplicationSuggestions: shape({
    customerId: ref('Id'),
    order: { enum: ['oldest', 'project'] },
    suggestions: {
      type: 'array',
      items: shape({
        documentId: ref('Id'),
        kind: { type: 'string' },
        number: { type: 'string' },
        projectId: nullable(ref('Id')),
        currency: ref('Currency'),
        documentDate: ref('PlainDate'),
        openAmount: ref('Amount'),
        suggestedAmount: ref('Amount'),
      }),
    },
  }),
  AppliedSuggestions: shape({
    results: {
      type: 'array',
      items: shape({
        documentId: ref('Id'),
        status: { enum: [201, 202] },
        body: { anyOf: [ref('Journal'), ref('Approval')] },
      }),
    },
  }),
}
