import type { OperationTable } from '#modules/api_docs/openapi_types'
import {
  applySuggestionsValidator,
  cancelDocumentValidator,
  createDocumentValidator,
  listDocumentsValidator,
  suggestionQueryValidator,
  unapplicationValidator,
} from '#modules/prepayments/documents/document_validators'

const READERS = 'every role (sales: own customers)'
const FINANCE = 'finance, finance_manager'

/** Documents (发票 / 订单 / 送货单), 反核销 and 核销建议 (issue 19). */
export const documentOperations: OperationTable = {
  'GET /documents': {
    summary: 'List documents (invoices, orders, deliveries) with their open amounts',
    tag: 'documents',
    roles: READERS,
    query: listDocumentsValidator,
    responses: { 200: { description: 'a page of documents', schema: 'DocumentPage' } },
  },
  'POST /documents': {
    summary: 'Record a document (number unique per customer); its open amount starts at its amount',
    tag: 'documents',
    roles: FINANCE,
    idempotent: true,
    body: createDocumentValidator,
    responses: { 201: { description: 'recorded', schema: 'Document' } },
  },
  'GET /documents/:id': {
    summary: 'A document with its applications and what was un-applied of each',
    tag: 'documents',
    roles: READERS,
    responses: { 200: { description: 'the document', schema: 'DocumentWithApplications' } },
  },
  'POST /documents/:id/cancel': {
    summary: 'Cancel a document nothing is applied to',
    tag: 'documents',
    roles: FINANCE,
    idempotent: true,
    body: cancelDocumentValidator,
    responses: { 200: { description: 'cancelled', schema: 'Document' } },
  },
  'POST /journals/:id/unapply': {
    summary: '反核销 Give back all or part of one application (through the approval gate)',
    tag: 'ledger',
    roles: FINANCE,
    idempotent: true,
    body: unapplicationValidator,
    responses: {
      201: { description: 'posted: the un-application journal', schema: 'Journal' },
      202: { description: 'an approval rule applies: the request', schema: 'Approval' },
    },
  },
  'GET /customers/:id/application-suggestions': {
    summary: '核销建议 Open documents against available advances (oldest first, or by project)',
    tag: 'documents',
    roles: READERS,
    query: suggestionQueryValidator,
    responses: { 200: { description: 'the suggestions', schema: 'ApplicationSuggestions' } },
  },
  'POST /customers/:id/application-suggestions/apply': {
    summary: 'Apply reviewed suggestions in one action (each as POST /applications; all or none)',
    tag: 'documents',
    roles: FINANCE,
    idempotent: true,
    body: applySuggestionsValidator,
    responses: {
      201: {
        description: 'each posted (201) or awaiting approval (202)',
        schema: 'AppliedSuggestions',
      },
    },
  },
}
