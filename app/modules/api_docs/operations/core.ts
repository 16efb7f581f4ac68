import type { OperationTable } from '#modules/api_docs/openapi_types'
import { credentialsValidator } from '#modules/identity/validators/auth_validators'
import {
  createCustomerValidator,
  createProjectValidator,
  listCustomersValidator,
  updateCustomerValidator,
} from '#modules/customers/validators/customer_validators'
import {
  adjustmentValidator,
  applicationValidator,
  exchangeRateValidator,
  ledgerQueryValidator,
  receiptValidator,
  refundValidator,
  reversalValidator,
} from '#modules/prepayments/validators/posting_validators'

const READERS = 'every role (sales: own customers)'
const posted = { 201: { description: 'posted: the journal', schema: 'Journal' } }
const gated = {
  ...posted,
  202: {
    description: 'an approval rule applies: the request, its amount reserved',
    schema: 'Approval',
  },
}

/** Identity, customers and the ledger's postings (登记, 核销, 退款, 调整, 红冲). */
export const coreOperations: OperationTable = {
  'POST /auth/tokens': {
    summary: 'Log in: a bearer token',
    tag: 'auth',
    public: true,
    body: credentialsValidator,
    responses: { 201: { description: 'the token and its user', schema: 'AccessToken' } },
  },
  'DELETE /auth/tokens/current': {
    summary: 'Log out: revoke the token of this request',
    tag: 'auth',
    responses: { 204: { description: 'revoked' } },
  },
  'GET /me': {
    summary: 'The user of the token',
    tag: 'auth',
    responses: { 200: { description: 'the user', schema: 'Me' } },
  },
  'GET /customers': {
    summary: 'List customers',
    tag: 'customers',
    roles: READERS,
    query: listCustomersValidator,
    responses: { 200: { description: 'a page of customers', schema: 'CustomerPage' } },
  },
  'POST /customers': {
    summary: 'Create a customer',
    tag: 'customers',
    roles: 'admin, sales, finance, finance_manager',
    idempotent: true,
    body: createCustomerValidator,
    responses: {
      201: {
        description: 'created (a non-zero credit limit awaits approval)',
        schema: 'CustomerCreated',
      },
    },
  },
  'GET /customers/:id': {
    summary: 'A customer with its projects',
    tag: 'customers',
    roles: READERS,
    responses: { 200: { description: 'the customer', schema: 'CustomerWithProjects' } },
  },
  'PATCH /customers/:id': {
    summary: 'Change a customer (credit limit and deactivation pass the approval gate)',
    tag: 'customers',
    roles: 'admin, sales (own), finance, finance_manager',
    idempotent: true,
    body: updateCustomerValidator,
    responses: {
      200: { description: 'changed', schema: 'Customer' },
      202: { description: 'the change awaits approval', schema: 'Approval' },
    },
  },
  'POST /customers/:id/projects': {
    summary: 'Add a project (contract) to a customer',
    tag: 'customers',
    roles: 'admin, sales (own), finance, finance_manager',
    idempotent: true,
    body: createProjectValidator,
    responses: { 201: { description: 'created', schema: 'Project' } },
  },
  'GET /customers/:id/balances': {
    summary: 'Balances per currency: balance, pending, available, credit limit',
    tag: 'ledger',
    roles: READERS,
    responses: { 200: { description: 'the balances', schema: 'CustomerBalances' } },
  },
  'GET /customers/:id/ledger': {
    summary:
      'Ledger lines with running balance; keyset pages with limit and cursor (the previous nextCursor), the running balance carried across pages',
    tag: 'ledger',
    roles: READERS,
    query: ledgerQueryValidator,
    responses: {
      200: {
        description:
          'opening, lines, closing (format=json); format=csv streams every line of the period',
        schema: 'Ledger',
      },
    },
  },
  'POST /receipts': {
    summary: '登记 Register a receipt',
    tag: 'ledger',
    roles: 'sales (own), finance, finance_manager',
    idempotent: true,
    body: receiptValidator,
    responses: posted,
  },
  'POST /applications': {
    summary: '核销 Apply prepayment to an invoice, order or delivery',
    tag: 'ledger',
    roles: 'finance, finance_manager',
    idempotent: true,
    body: applicationValidator,
    responses: gated,
  },
  'POST /refunds': {
    summary: '退款 Refund (never more than the money held)',
    tag: 'ledger',
    roles: 'finance, finance_manager',
    idempotent: true,
    body: refundValidator,
    responses: gated,
  },
  'POST /adjustments': {
    summary: '调整 Adjust a balance (signed amount, reason required)',
    tag: 'ledger',
    roles: 'finance, finance_manager',
    idempotent: true,
    body: adjustmentValidator,
    responses: gated,
  },
  'POST /journals/:id/reverse': {
    summary: '红冲 Reverse a journal (a new mirrored journal; each journal once)',
    tag: 'ledger',
    roles: 'finance, finance_manager',
    idempotent: true,
    body: reversalValidator,
    responses: gated,
  },
  'GET /periods': {
    summary: 'Accounting periods',
    tag: 'ledger',
    responses: { 200: { description: 'the periods', schema: 'PeriodList' } },
  },
  'POST /periods/:period/close': {
    summary: 'Close a month: nothing may be dated in it afterwards',
    tag: 'ledger',
    roles: 'finance_manager',
    idempotent: true,
    pathTypes: { period: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } },
    responses: { 200: { description: 'closed', schema: 'Period' } },
  },
  'GET /exchange-rates': {
    summary: 'Exchange rates (latest 500)',
    tag: 'ledger',
    responses: { 200: { description: 'the rates', schema: 'ExchangeRateList' } },
  },
  'POST /exchange-rates': {
    summary: 'Record a rate (base-currency units per unit)',
    tag: 'ledger',
    roles: 'finance, finance_manager',
    idempotent: true,
    body: exchangeRateValidator,
    responses: { 201: { description: 'recorded', schema: 'ExchangeRate' } },
  },
}
