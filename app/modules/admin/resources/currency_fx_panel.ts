import app from '@adonisjs/core/services/app'
import { company } from '#kernel/company'
import type { ActionContext } from 'adminjs'
import type { PanelModule } from '#modules/admin/panel/registry'
import { MENU, panelArea } from '#modules/admin/panel/panel_area'
import { columnsOf } from '#modules/admin/panel/columns'
import { displayAmount } from '#modules/admin/panel/format'
import { formAction, recordFormAction } from '#modules/admin/panel/form_action'
import { afterGate } from '#modules/admin/panel/after_gate'
import { allows, panelLocale } from '#modules/admin/panel/panel_user'
import { currencyLimitsForm } from '#modules/admin/resources/currency_limits_form'
import { showUrl } from '#modules/admin/panel/resource_helpers'
import { currencyLimitValidator } from '#modules/customers/public'
import { FxRevaluationService } from '#modules/prepayments/public'
import { closePeriodValidator } from '#modules/prepayments/public'
import { CurrencyLimitUpdates } from '#workflows/currency_limit_updates'

const ledgerArea = panelArea(MENU.ledger, 'ledger.read')

/*
| Issue 19 in the back-office: a customer's limits per currency (shown on the customer, edited by
| its "额度（按币种）" action, through the API's workflow and gate) and the month-end revaluations
| (期末汇兑重估: the list of runs; "new" runs the period typed in, as 结账 does).
*/

/** "CNY 100.00 / 预警 50.00 · USD 500.00": the rows of customer_currency_limits, as JSON. */
export const currencyLimitsColumn = {
  name: 'currencyLimits',
  sql: `(SELECT json_agg(json_build_object('currency', l.currency, 'limit', l.credit_limit,
           'threshold', l.low_balance_threshold) ORDER BY l.currency)
           FROM customer_currency_limits l WHERE l.customer_id = customers.id)`,
  compute: (row: Record<string, any>) =>
    ((row.currencyLimits ?? []) as Array<{ currency: string; limit: string; threshold: string }>)
      .map(
        (l) =>
          `${displayAmount(l.limit, l.currency)}` +
          (l.threshold === null ? '' : ` / ▼ ${displayAmount(l.threshold, l.currency)}`)
      )
      .join(' · '),
}

/** The customer's record action: one currency's credit limit and low-balance line. */
export const currencyLimitsAction = recordFormAction(
  'DollarSign',
  [
    { name: 'currency', required: true, type: 'select', options: 'currencyOptions' },
    { name: 'creditLimit' },
    { name: 'lowBalanceThreshold' },
  ],
  (context: ActionContext) => allows('customers.write')(context),
  {
    permission: 'customers.write',
    validator: currencyLimitValidator,
    customerOf: (_input, _uow, context) => Number(context.record!.id()),
    prepare: (context) =>
      currencyLimitsForm(Number(context.record!.id()), panelLocale(context.currentAdmin)),
    run: async (uow, input, _user, context) =>
      app.container
        .make(CurrencyLimitUpdates)
        .then((updates) => updates.submit(uow, Number(context.record!.id()), input)),
    done: afterGate((_body: unknown, context: ActionContext) => ({
      redirectUrl: showUrl(context, 'customers', context.record!.id()),
      message: `${context.record!.params.code} ✓`,
    })),
  },
  // the customer's limits as they stand, one row a currency, above the fields
  { table: { param: 'currentLimits', columns: ['currency', 'creditLimit', 'lowBalanceThreshold'] } }
)

const run = columnsOf('fx_revaluation_runs')

function revaluationsResource() {
  return ledgerArea.resource(
    run.spec([
      run.id(),
      run.field('period', { isTitle: true, sortable: true, required: true }),
      run.date('rateDate'),
      {
        name: 'accounts',
        sql: `(SELECT count(*) FROM fx_revaluation_entries e WHERE e.run_id = ${run.sql('id')})`,
        type: 'number',
      },
      {
        name: 'unrealisedGain',
        sql: `(SELECT coalesce(-sum(e.difference), 0) FROM fx_revaluation_entries e
                  WHERE e.run_id = ${run.sql('id')})`,
        compute: (row) => displayAmount(row.unrealisedGain, company.baseCurrency),
      },
      run.ref('createdBy', 'users'),
      run.instant('createdAt'),
    ]),
    {
      sort: { sortBy: 'period', direction: 'desc' },
      listProperties: [
        'period',
        'rateDate',
        'accounts',
        'unrealisedGain',
        'createdBy',
        'createdAt',
      ],
      editProperties: ['period'],
      actions: {
        new: formAction({
          permission: 'fx.revalue',
          validator: closePeriodValidator,
          run: async (uow, input) =>
            app.container
              .make(FxRevaluationService)
              .then((service) => service.revalue(uow, input.period)),
          done: (result: { body: { period: string; total: string } }, context) => ({
            redirectUrl: context.h.resourceUrl({ resourceId: 'fx_revaluation_runs' }),
            message: `${result.body.period} ✓ ${result.body.total}`,
          }),
        }),
      },
    }
  )
}

// its words: resources/lang/<locale>/panel_currency_fx.json (the properties under their resources)
export const currencyFxPanel: PanelModule = {
  name: 'currency_fx',
  resources: () => [revaluationsResource()],
}
