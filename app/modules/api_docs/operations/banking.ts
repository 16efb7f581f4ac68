import { OBJECT, ROLES, answer, created, ok, tagged } from '#modules/api_docs/operation_kit'
import * as banking from '#modules/banking/public'

const READERS = 'finance, finance_manager, auditor, admin, executive'
const WORKERS = ROLES.finance
const line = (description: string) => ok(description, 'BankLine')

/** Bank statements, matching and 到账确认 (app/modules/banking). */
export const bankingOperations = tagged('banking', {
  'GET /bank-accounts': {
    summary: 'Our bank and payment-platform accounts',
    roles: READERS,
    responses: ok('the accounts', 'BankAccountList'),
  },
  'POST /bank-accounts': {
    summary: 'Add an account',
    roles: 'finance_manager, admin',
    idempotent: true,
    body: banking.bankAccountValidator,
    responses: created('created', 'BankAccount'),
  },
  'GET /bank-statements': {
    summary: 'Imported statements, newest first (nextBeforeId continues the list)',
    roles: READERS,
    query: banking.bankStatementsQueryValidator,
    responses: ok('the statements', 'BankStatementList'),
  },
  'POST /bank-statements': {
    summary: 'Import a statement file and match its lines',
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
      201: answer('imported and matched', 'BankStatementImport'),
      200: answer('the same file again (alreadyImported)', 'BankStatementImport'),
    },
  },
  'GET /bank-lines': {
    summary: 'The matching work queue, newest first',
    roles: READERS,
    query: banking.bankLinesQueryValidator,
    responses: ok('the lines', 'BankLineList'),
  },
  'GET /bank-lines/:id': {
    summary: 'A bank line with its suggestions and matches',
    roles: READERS,
    responses: line('the line'),
  },
  'POST /bank-lines/:id/confirm': {
    summary: 'Post the receipt of a line (or link a registered one)',
    roles: WORKERS,
    idempotent: true,
    body: banking.confirmLineValidator,
    responses: line('matched'),
  },
  'POST /bank-lines/:id/split': {
    summary: 'Split a line across customers (the parts add up exactly)',
    roles: WORKERS,
    idempotent: true,
    body: banking.splitLineValidator,
    responses: line('matched'),
  },
  'POST /bank-lines/:id/ignore': {
    summary: 'Not a prepayment: ignore the line',
    roles: WORKERS,
    idempotent: true,
    body: banking.ignoreLineValidator,
    responses: line('ignored'),
  },
  'GET /reconciliation': {
    summary: '对账 Bank against ledger, aged',
    roles: READERS,
    query: banking.reconciliationQueryValidator,
    responses: ok('JSON (or CSV / XLSX by format)', 'Reconciliation'),
  },
  'POST /receipts/:id/confirm': {
    summary: '到账确认 Confirm a receipt entered by sales, without a bank line',
    roles: 'finance, finance_manager; never who entered it',
    idempotent: true,
    responses: ok('confirmed', OBJECT),
  },
  'GET /bank-settings': {
    summary: 'Matching settings',
    roles: READERS,
    responses: ok('the settings', 'BankSettings'),
  },
  'PATCH /bank-settings': {
    summary: 'Change the matching settings',
    roles: 'finance_manager, admin',
    idempotent: true,
    body: banking.bankSettingsValidator,
    responses: ok('changed', 'BankSettings'),
  },
})
