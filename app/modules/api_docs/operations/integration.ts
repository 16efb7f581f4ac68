import { OBJECT, XLSX, answer, ok, tagged } from '#modules/api_docs/operation_kit'
import type { OperationTable } from '#modules/api_docs/openapi_types'
import { IMPORT_KINDS } from '#modules/imports/public'
import { mappingValidator, voucherExportValidator } from '#modules/vouchers/public'
import {
  createWebhookValidator,
  listDeliveriesValidator,
  updateWebhookValidator,
} from '#modules/webhooks/public'

const ADMIN = 'admin'
const subscription = (description: string, status = 200) => ({
  [status]: answer(description, 'WebhookSubscriptionWithSecret'),
})
const importJob = (description: string) => answer(description, 'ImportJob')

/** Webhooks, the ERP voucher export (凭证导出), imports (数据导入) and this document. */
export const integrationOperations: OperationTable = {
  ...tagged('meta', {
    'GET /openapi.json': {
      summary: 'This document (OpenAPI 3.1)',
      public: true,
      responses: ok('the OpenAPI document', OBJECT),
    },
  }),
  ...tagged('webhooks', {
    'GET /webhooks': {
      summary: 'Webhook subscriptions (the secret as its last 4 characters)',
      roles: ADMIN,
      responses: ok('the subscriptions', 'WebhookSubscriptionList'),
    },
    'POST /webhooks': {
      summary: 'Subscribe a receiver URL to event types (the server generates the secret)',
      description:
        'The URL must be http(s), without credentials, and (unless WEBHOOK_ALLOW_PRIVATE) not resolve to a loopback, private or link-local address: 422 url_protocol, url_credentials, url_private_address.',
      roles: ADMIN,
      idempotent: true,
      body: createWebhookValidator,
      responses: subscription('created, with its secret', 201),
    },
    'GET /webhooks/:id': {
      summary: 'A subscription with its secret',
      roles: ADMIN,
      responses: subscription('the subscription'),
    },
    'PATCH /webhooks/:id': {
      summary: 'Change a subscription',
      roles: ADMIN,
      idempotent: true,
      body: updateWebhookValidator,
      responses: subscription('changed'),
    },
    'DELETE /webhooks/:id': {
      summary: 'Delete a subscription with its delivery log',
      roles: ADMIN,
      idempotent: true,
      responses: { 204: { description: 'deleted' } },
    },
    'POST /webhooks/:id/rotate-secret': {
      summary: 'A new secret; the old one stops signing at once',
      roles: ADMIN,
      idempotent: true,
      responses: subscription('the new secret'),
    },
    'GET /webhooks/:id/deliveries': {
      summary: 'A subscription’s delivery log, newest first',
      roles: ADMIN,
      query: listDeliveriesValidator,
      responses: ok('the deliveries', 'WebhookDeliveryList'),
    },
    'GET /webhook-deliveries/:id': {
      summary: 'A delivery with every attempt',
      roles: ADMIN,
      responses: ok('the delivery', 'WebhookDeliveryWithAttempts'),
    },
    'POST /webhook-deliveries/:id/redeliver': {
      summary: 'Send a delivery again (same event id, a fresh 24 h window)',
      roles: ADMIN,
      idempotent: true,
      responses: { 202: { description: 'queued', schema: 'WebhookDelivery' } },
    },
  }),
  ...tagged('vouchers', {
    'GET /exports/vouchers': {
      summary: '凭证导出 The ledger as accounting vouchers (用友 / 金蝶 layouts)',
      description:
        'Headers X-Content-SHA256 and X-Ledger-Position; 409 account_unmapped names any account without a mapping.',
      roles: 'finance, finance_manager, auditor',
      query: voucherExportValidator,
      responses: {
        200: { description: 'the file (CSV or XLSX)', contentType: 'application/octet-stream' },
      },
    },
    'GET /voucher-account-map': {
      summary: '科目对照 Our accounts and their codes in the customer’s chart',
      roles: 'finance, finance_manager, auditor',
      responses: ok('the mapping', 'VoucherAccountMappingList'),
    },
    'PUT /voucher-account-map/:code': {
      summary: '科目对照 Map one of our accounts (externalCode null: unmap)',
      roles: 'finance, finance_manager',
      idempotent: true,
      body: mappingValidator,
      pathTypes: { code: { type: 'string', pattern: '^\\d{4}$' } },
      responses: ok('mapped', 'VoucherAccountMapping'),
    },
  }),
  ...tagged('imports', {
    'POST /imports': {
      summary: '数据导入 Upload a file: a dry run with every row checked',
      multipart: {
        type: 'object',
        required: ['kind', 'file'],
        properties: {
          kind: { enum: [...IMPORT_KINDS] },
          file: { type: 'string', format: 'binary', description: 'CSV or XLSX, at most 20 MB' },
          goLiveDate: { type: 'string', format: 'date' },
          mapping: { type: 'string', description: 'JSON {ourColumn: theirHeader}' },
        },
      },
      responses: {
        201: importJob('the dry run'),
        200: importJob('the same file again: the earlier job (duplicateOf)'),
      },
    },
    'GET /imports/templates/:kind': {
      summary: 'An import template (XLSX)',
      pathTypes: { kind: { enum: [...IMPORT_KINDS] } },
      responses: { 200: { description: 'the template', contentType: XLSX } },
    },
    'GET /imports/:id': {
      summary: 'An import job',
      responses: { 200: importJob('the job') },
    },
    'POST /imports/:id/commit': {
      summary: 'Commit a dry run (opening balances await approval: 202)',
      responses: { 200: importJob('committed'), 202: importJob('awaiting approval') },
    },
    'POST /imports/:id/approve': {
      summary: 'Approve an import awaiting approval',
      responses: { 200: importJob('approved and committed') },
    },
    'POST /imports/:id/reject': {
      summary: 'Reject an import awaiting approval (nothing is posted)',
      body: {
        type: 'object',
        properties: { reason: { type: ['string', 'null'], maxLength: 500 } },
      },
      responses: { 200: importJob('rejected') },
    },
    'GET /imports/:id/errors.xlsx': {
      summary: 'The rows refused by a dry run, with their reasons (XLSX)',
      responses: { 200: { description: 'the error report', contentType: XLSX } },
    },
  }),
}
