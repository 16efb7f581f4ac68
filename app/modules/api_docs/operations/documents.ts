import { ROLES, gated, created, ok, tagged } from '#modules/api_docs/operation_kit'
import type { OperationTable } from '#modules/api_docs/openapi_types'
import * as prepayments from '#modules/prepayments/public'

const READERS = ROLES.readersOwn
const FINANCE = ROLES.finance

/** Documents (发票 / 订单 / 送货单), 反核销 and 核销建议 (issue 19). */
export const documentOperations: OperationTable = {
  ...tagged('documents', {
    'GET /documents': {
      summary: 'List documents (invoices, orders, deliveries) with their open amounts',
      roles: READERS,
      query: prepayments.listDocumentsValidator,
      responses: ok('a page of documents', 'DocumentPage'),
    },
    'POST /documents': {
      summary:
        'Record a document (number unique per customer); its open amount starts at its amount',
      roles: FINANCE,
      idempotent: true,
      body: prepayments.createDocumentValidator,
      responses: created('recorded', 'Document'),
    },
    'GET /documents/:id': {
      summary: 'A document with its applications and what was un-applied of each',
      roles: READERS,
      responses: ok('the document', 'DocumentWithApplications'),
    },
    'POST /documents/:id/cancel': {
      summary: 'Cancel a document nothing is applied to',
      roles: FINANCE,
      idempotent: true,
      body: prepayments.cancelDocumentValidator,
      responses: ok('cancelled', 'Document'),
    },
  }),
  ...tagged('ledger', {
    'POST /journals/:id/unapply': {
      summary: '反核销 Give back all or part of one application (through the approval gate)',
      roles: FINANCE,
      idempotent: true,
      body: prepayments.unapplicationValidator,
      responses: gated(
        created('posted: the un-application journal', 'Journal'),
        'an approval rule applies: the request'
      ),
    },
  }),
  ...tagged('documents', {
    'GET /customers/:id/application-suggestions': {
      summary: '核销建议 Open documents against available advances (oldest first, or by project)',
      roles: READERS,
      query: prepayments.suggestionQueryValidator,
      responses: ok('the suggestions', 'ApplicationSuggestions'),
    },
    'POST /customers/:id/application-suggestions/apply': {
      summary: 'Apply reviewed suggestions in one action (each as POST /applications; all or none)',
      roles: FINANCE,
      idempotent: true,
      body: prepayments.applySuggestionsValidator,
      responses: created('each posted (201) or awaiting approval (202)', 'AppliedSuggestions'),
    },
  }),
}
