import type { JsonSchema } from '#kernel/json_schema'
import { arrayOf, nullable, nullableProps, props, ref, shape } from '#kernel/json_schema'
import { journalReference } from '#modules/prepayments/services/journal_schemas'

/** The wire shapes of document_view.ts and the suggestions (API components). */
const document = {
  id: ref('Id'),
  customerId: ref('Id'),
  projectId: nullable(ref('Id')),
  kind: { enum: ['invoice', 'order', 'delivery'] },
  ...props('string', 'number'),
  currency: ref('Currency'),
  amount: ref('Amount'),
  openAmount: ref('Amount'),
  appliedAmount: ref('Amount'),
  status: { enum: ['open', 'settled', 'cancelled'] },
  documentDate: ref('PlainDate'),
  dueDate: nullable(ref('PlainDate')),
  ...nullableProps('string', 'memo cancelReason'),
  createdBy: ref('Id'),
  createdAt: ref('Instant'),
}

export const documentSchemas: Record<string, JsonSchema> = {
  Document: shape(document),
  DocumentPage: shape({
    data: arrayOf(ref('Document')),
    ...props('integer', 'page perPage'),
  }),
  DocumentWithApplications: shape({
    ...document,
    applications: arrayOf(
      shape({
        ...journalReference,
        amount: ref('Amount'),
        unapplied: ref('Amount'),
        ...props('boolean', 'reversed'),
      })
    ),
  }),
  ApplicationSuggestions: shape({
    customerId: ref('Id'),
    order: { enum: ['oldest', 'project'] },
    suggestions: arrayOf(
      shape({
        documentId: ref('Id'),
        ...props('string', 'kind number'),
        projectId: nullable(ref('Id')),
        currency: ref('Currency'),
        documentDate: ref('PlainDate'),
        openAmount: ref('Amount'),
        suggestedAmount: ref('Amount'),
      })
    ),
  }),
  AppliedSuggestions: shape({
    results: arrayOf(
      shape({
        documentId: ref('Id'),
        status: { enum: [201, 202] },
        body: { anyOf: [ref('Journal'), ref('Approval')] },
      })
    ),
  }),
}
