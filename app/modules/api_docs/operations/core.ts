import { ROLES, gated, created, ok, tagged } from '#modules/api_docs/operation_kit'
import type { OperationTable } from '#modules/api_docs/openapi_types'
import { credentialsValidator } from '#modules/identity/public'
import {
  createCustomerValidator,
  createProjectValidator,
  listCustomersValidator,
  updateCustomerValidator,
} from '#modules/customers/public'
import {
  adjustmentValidator,
  applicationValidator,
  exchangeRatesQueryValidator,
  exchangeRateValidator,
  ledgerQueryValidator,
  receiptValidator,
  refundValidator,
  reversalValidator,
} from '#modules/prepayments/public'

const READERS = ROLES.readersOwn
const FINANCE = ROLES.finance
const posted = created('posted: the journal', 'Journal')
const posting = gated(posted, 'an approval rule applies: the request, its amount reserved')

/** Identity, customers and the ledger's postings (登记, 核销, 退款, 调整, 红冲). */
export const coreOperations: OperationTable = {
  ...tagged('auth', {
    'POST /auth/tokens': {
      summary: 'Log in: a bearer token',
      public: true,
      body: credentialsValidator,
      responses: created('the token and its user', 'AccessToken'),
    },
    'DELETE /auth/tokens/current': {
      summary: 'Log out: revoke the token of this request',
      responses: { 204: { description: 'revoked' } },
    },
    'GET /me': {
      summary: 'The user of the token',
      responses: ok('the user', 'Me'),
    },
  }),
  ...tagged('customers', {
    'GET /customers': {
      summary: 'List customers',
      roles: READERS,
      query: listCustomersValidator,
      responses: ok('a page of customers', 'CustomerPage'),
    },
    'POST /customers': {
      summary: 'Create a customer',
      roles: 'admin, sales, finance, finance_manager',
      idempotent: true,
      body: createCustomerValidator,
      responses: created('created (a non-zero credit limit awaits approval)', 'CustomerCreated'),
    },
    'GET /customers/:id': {
      summary: 'A customer with its projects',
      roles: READERS,
      responses: ok('the customer', 'CustomerWithProjects'),
    },
    'PATCH /customers/:id': {
      summary: 'Change a customer (credit limit and deactivation pass the approval gate)',
      roles: ROLES.ownerOrFinance,
      idempotent: true,
      body: updateCustomerValidator,
      responses: gated(ok('changed', 'Customer'), 'the change awaits approval'),
    },
    'POST /customers/:id/projects': {
      summary: 'Add a project (contract) to a customer',
      roles: ROLES.ownerOrFinance,
      idempotent: true,
      body: createProjectValidator,
      responses: created('created', 'Project'),
    },
  }),
  ...tagged('ledger', {
    'GET /customers/:id/balances': {
      summary: 'Balances per currency: balance, pending, available, credit limit',
      roles: READERS,
      responses: ok('the balances', 'CustomerBalances'),
    },
    'GET /customers/:id/ledger': {
      summary:
        'Ledger lines with running balance; keyset pages with limit and cursor (the previous nextCursor), the running balance carried across pages',
      roles: READERS,
      query: ledgerQueryValidator,
      responses: ok(
        'opening, lines, closing (format=json); format=csv streams every line of the period',
        'Ledger'
      ),
    },
    'POST /receipts': {
      summary: '登记 Register a receipt',
      roles: 'sales (own), finance, finance_manager',
      idempotent: true,
      body: receiptValidator,
      responses: posted,
    },
    'POST /applications': {
      summary: '核销 Apply prepayment to an invoice, order or delivery',
      roles: FINANCE,
      idempotent: true,
      body: applicationValidator,
      responses: posting,
    },
    'POST /refunds': {
      summary: '退款 Refund (never more than the money held)',
      roles: FINANCE,
      idempotent: true,
      body: refundValidator,
      responses: posting,
    },
    'POST /adjustments': {
      summary: '调整 Adjust a balance (signed amount, reason required)',
      roles: FINANCE,
      idempotent: true,
      body: adjustmentValidator,
      responses: posting,
    },
    'POST /journals/:id/reverse': {
      summary: '红冲 Reverse a journal (a new mirrored journal; each journal once)',
      roles: FINANCE,
      idempotent: true,
      body: reversalValidator,
      responses: posting,
    },
    'GET /periods': {
      summary: 'Accounting periods',
      responses: ok('the periods', 'PeriodList'),
    },
    'POST /periods/:period/close': {
      summary: 'Close a month: nothing may be dated in it afterwards',
      roles: 'finance_manager',
      idempotent: true,
      pathTypes: { period: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } },
      responses: ok('closed', 'Period'),
    },
    'GET /exchange-rates': {
      summary: 'Exchange rates, newest date first (by currency and date range; limit, default 500)',
      query: exchangeRatesQueryValidator,
      responses: ok('the rates', 'ExchangeRateList'),
    },
    'POST /exchange-rates': {
      summary: 'Record a rate (base-currency units per unit)',
      roles: FINANCE,
      idempotent: true,
      body: exchangeRateValidator,
      responses: created('recorded', 'ExchangeRate'),
    },
  }),
}
