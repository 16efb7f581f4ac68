import type { OperationTable } from '#modules/api_docs/openapi_types'
import { currencyLimitValidator } from '#modules/customers/validators/currency_limit_validators'

/** Limits per currency (额度按币种) and the month-end revaluation (期末汇兑重估), issue 19. */
export const currencyFxOperations: OperationTable = {
  'GET /customers/:id/limits': {
    summary: 'Credit limit and low-balance line per currency (the default currency first)',
    tag: 'customers',
    roles: 'every role (sales: own customers)',
    responses: { 200: { description: 'one row per currency', schema: 'CurrencyLimits' } },
  },
  'PUT /customers/:id/limits': {
    summary:
      'Set one currency’s credit limit and low-balance line (a credit-limit change passes the approval gate; the default currency’s row is the customer’s own fields)',
    tag: 'customers',
    roles: 'admin, sales (own), finance, finance_manager',
    idempotent: true,
    body: currencyLimitValidator,
    responses: {
      200: { description: 'applied: every row', schema: 'CurrencyLimits' },
      202: { description: 'the credit-limit change awaits approval', schema: 'Approval' },
    },
  },
  'GET /periods/:period/revaluation': {
    summary: '期末汇兑重估: a period’s revaluation of open foreign-currency advances',
    tag: 'ledger',
    roles: 'admin, sales, finance, finance_manager, auditor, executive',
    responses: { 200: { description: 'the run and its entries', schema: 'FxRevaluation' } },
  },
  'POST /periods/:period/revaluation': {
    summary:
      '期末汇兑重估: revalue open foreign-currency advances at the period-end rate (a journal on the last day, its 红冲 on the next period’s first day, against 6603); once per period',
    tag: 'ledger',
    roles: 'finance, finance_manager',
    idempotent: true,
    responses: {
      201: { description: 'posted', schema: 'FxRevaluation' },
      200: { description: 'the period was revalued before: that run', schema: 'FxRevaluation' },
    },
  },
}
