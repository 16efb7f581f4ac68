import { ROLES, answer, gated, ok, tagged } from '#modules/api_docs/operation_kit'
import type { OperationTable } from '#modules/api_docs/openapi_types'
import { currencyLimitValidator } from '#modules/customers/public'

/** Limits per currency (额度按币种) and the month-end revaluation (期末汇兑重估), issue 19. */
export const currencyFxOperations: OperationTable = {
  ...tagged('customers', {
    'GET /customers/:id/limits': {
      summary: 'Credit limit and low-balance line per currency (the default currency first)',
      roles: ROLES.readersOwn,
      responses: ok('one row per currency', 'CurrencyLimits'),
    },
    'PUT /customers/:id/limits': {
      summary:
        'Set one currency’s credit limit and low-balance line (a credit-limit change passes the approval gate; the default currency’s row is the customer’s own fields)',
      roles: ROLES.ownerOrFinance,
      idempotent: true,
      body: currencyLimitValidator,
      responses: gated(
        ok('applied: every row', 'CurrencyLimits'),
        'the credit-limit change awaits approval'
      ),
    },
  }),
  ...tagged('ledger', {
    'GET /periods/:period/revaluation': {
      summary: '期末汇兑重估: a period’s revaluation of open foreign-currency advances',
      roles: 'admin, sales, finance, finance_manager, auditor, executive',
      responses: ok('the run and its entries', 'FxRevaluation'),
    },
    'POST /periods/:period/revaluation': {
      summary:
        '期末汇兑重估: revalue open foreign-currency advances at the period-end rate (a journal on the last day, its 红冲 on the next period’s first day, against 6603); once per period',
      roles: ROLES.finance,
      idempotent: true,
      responses: {
        201: answer('posted', 'FxRevaluation'),
        200: answer('the period was revalued before: that run', 'FxRevaluation'),
      },
    },
  }),
}
