import type { OperationTable } from '#modules/api_docs/openapi_types'
import {
  bankAccountValidator,
  bankLinesQueryValidator,
  bankSettingsValidator,
  confirmLineValidator,
  ignoreLineValidator,
  reconciliationQueryValidator,
  splitLineValidator,
} from '#modules/banking/validators/banking_validators'

const READERS = 'finance, finance_manager, auditor, admin, executive'
const WORKERS = 'finance, finance_manager'
const line = (description: string) => ({ 200: { description, schema: 'BankLine' } })

/** Bank statements, matching and 到账确认 (app/modules/banking). */
export const bankingOperations: OperationTable = {
  'GET /bank-accounts': {
    summary: 'Our bank and payment-platform accounts',
    tag: 'banking',
    roles: READERS,
    responses: { 200: { description: 'the accounts', schema: 'BankAccountList' } },
  },
  'POST /bank-accounts': {
    summary: 'Add an account',
    tag: 'banking',
    roles: 'finance_manager, admin',
    idempotent: true,
    body: bankAccountValidator,
    responses: { 201: { description: 'created', schema: 'BankAccount' } },
  },
  'GET /bank-statements': {
    summary: 'Imported statements',
    tag: 'banking',
    roles: READERS,
    responses: { 200: { description: 'the statements', schema: 'BankStatementList' } },
  },
  'POST /bank-statements': {
    summary: 'Import a statement file and match its lines',
    tag: 'banking',
    roles: WORKERS,
    multipart: {
      type: 'object',
      required: ['bankAccountId', 'file'],
      properties: {
        bankAccountId: { type: 'integer', minimum: 1 },
        profile: {
          enum: ['generic', 'cn_bank', 'wechat', 'alipay', 'camt053', 'mt940'],
          description: 'sniffed when absent',
        },
        file: { type: 'string', format: 'binary', description: 'at most 20 MB' },
      },
    },
    responses: {
      201: { description: 'imported and matched', schema: 'BankStatementImport' },
      200: { description: 'the same file again (alreadyImported)', schema: 'BankStatementImport' },
    },
  },
  'GET /bank-lines': {
    summary: 'The matching work queue, newest first',
    tag: 'banking',
    roles: READERS,
    query: bankLinesQueryValidator,
    responses: { 200: { description: 'the lines', schema: 'BankLineList' } },
  },
  'GET /bank-lines/:id': {
    summary: 'A bank line with its suggestions and matches',
    tag: 'banking',
    roles: READERS,
    responses: line('the line'),
  },
  'POST /bank-lines/:id/confirm': {
    summary: 'Post the receipt of a line (or link a registered one)',
    tag: 'banking',
    roles: WORKERS,
    idempotent: true,
    body: confirmLineValidator,
    responses: line('matched'),
  },
  'POST /bank-lines/:id/split': {
    summary: 'Split a line across customers (the parts add up exactly)',
    tag: 'banking',
    roles: WORKERS,
    idempotent: true,
    body: splitLineValidator,
    responses: line('matched'),
  },
  'POST /bank-lines/:id/ignore': {
    summary: 'Not a prepayment: ignore the line',
    tag: 'banking',
    roles: WORKERS,
    idempotent: true,
    body: ignoreLineValidator,
    responses: line('ignored'),
  },
  'GET /reconciliation': {
    summary: '对账 Bank against ledger, aged',
    tag: 'banking',
    roles: READERS,
    query: reconciliationQueryValidator,
    responses: { 200: { description: 'JSON (or CSV / XLSX by format)', schema: 'Reconciliation' } },
  },
  'POST /receipts/:id/confirm': {
    summary: '到账确认 Confirm a receipt entered by sales, without a bank line',
    tag: 'banking',
    roles: 'finance, finance_manager; never who entered it',
    idempotent: true,
    responses: { 200: { description: 'confirmed', schema: { type: 'object' } } },
  },
  'GET /bank-settings': {
    summary: 'Matching settings',
    tag: 'banking',
    roles: READERS,
    responses: { 200: { description: 'the settings', schema: 'BankSettings' } },
  },
  'PATCH /bank-settings': {
    summary: 'Change the matching settings',
    tag: 'banking',
    roles: 'finance_manager, admin',
    idempotent: true,
    body: bankSettingsValidator,
    responses: { 200: { description: 'changed', schema: 'BankSettings' } },
  },
}
