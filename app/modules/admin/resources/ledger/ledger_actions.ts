import type { ActionContext } from 'adminjs'
import app from '@adonisjs/core/services/app'
import { Submissions } from '#workflows/ledger_submissions'
import { toPlainDate } from '#kernel/company'
import { ExchangeRateService } from '#modules/prepayments/public'
import { PeriodService } from '#modules/prepayments/public'
import { PostingService } from '#modules/prepayments/public'
import {
  adjustmentValidator,
  applicationValidator,
  closePeriodValidator,
  exchangeRateValidator,
  receiptValidator,
  refundValidator,
  reversalValidator,
} from '#modules/prepayments/public'
import { afterGate } from '#modules/admin/panel/after_gate'
import { unapplicationValidator } from '#modules/prepayments/public'
import { formHandler, formAction, recordFormAction } from '#modules/admin/panel/form_action'
import { allows } from '#modules/admin/panel/panel_user'
import { showUrl } from '#modules/admin/panel/resource_helpers'

export type Operation = Parameters<typeof formHandler<any>>[0]

const postings = () => app.container.make(PostingService)
/** Refunds, applications, adjustments and reversals go through the approval gate, as in the API. */
const submissions = () => app.container.make(Submissions)

const posted =
  (resourceId: string) => (journal: { id: number; journalNo: string }, context: any) => ({
    redirectUrl: showUrl(context, resourceId, journal.id),
    message: `${journal.journalNo} ✓`,
  })

/** What each movement's `new` form does: PostingService for receipts, the approval gate else. */
export const movementOperations: Record<string, Operation> = {
  receipt: {
    permission: 'receipts.post',
    validator: receiptValidator,
    run: async (uow, input) => postings().then((service) => service.receipt(uow, input)),
    done: posted('receipts'),
  },
  application: {
    permission: 'applications.post',
    validator: applicationValidator,
    run: async (uow, input) => submissions().then((service) => service.application(uow, input)),
    done: afterGate(posted('applications')),
  },
  refund: {
    permission: 'refunds.post',
    validator: refundValidator,
    // 201 posted at once when no rule applies; otherwise a pending request holding the amount.
    run: async (uow, input) => submissions().then((service) => service.refund(uow, input)),
    done: afterGate(posted('refunds')),
  },
  adjustment: {
    permission: 'adjustments.post',
    validator: adjustmentValidator,
    run: async (uow, input) => submissions().then((service) => service.adjustment(uow, input)),
    done: afterGate(posted('adjustments')),
  },
}

/** 红冲: a journal's reversal, submitted through the approval gate. */
export const reverseAction = recordFormAction(
  'RotateCcw',
  [
    { name: 'reason', type: 'textarea', required: true },
    { name: 'entryDate', type: 'date' },
  ],
  ({ currentAdmin, record }: ActionContext) =>
    allows('reversals.post')({ currentAdmin }) &&
    // a revaluation is reversed with it, by fx_revalue_period
    !['reversal', 'revaluation'].includes(record?.params.kind),
  {
    permission: 'reversals.post',
    validator: reversalValidator,
    customerOf: async (_input, uow, context) => {
      const row = await uow.trx
        .from('journals')
        .select('customer_id')
        .where('id', Number(context.record!.id()))
        .first()
      return row ? Number(row.customer_id) : null
    },
    run: async (uow, input, _user, context) =>
      submissions().then((service) => service.reversal(uow, Number(context.record!.id()), input)),
    done: afterGate(posted('journals')),
  }
)

/** 反核销: all or part of an application given back, submitted through the approval gate. */
export const unapplyAction = recordFormAction(
  'CornerUpLeft',
  [
    { name: 'amount', required: true },
    { name: 'reason', type: 'textarea', required: true },
    { name: 'entryDate', type: 'date' },
  ],
  ({ currentAdmin, record }: ActionContext) =>
    allows('applications.post')({ currentAdmin }) && record?.params.kind === 'application',
  {
    permission: 'applications.post',
    validator: unapplicationValidator,
    customerOf: (_input, _uow, context) => Number(context.record!.params.customerId),
    run: async (uow, input, _user, context) =>
      submissions().then((service) =>
        service.unapplication(uow, Number(context.record!.id()), input)
      ),
    done: afterGate(posted('journals')),
  }
)

/** Back to a resource's list with a message. */
const toList = (resourceId: string, message: string, context: any) => ({
  redirectUrl: context.h.resourceUrl({ resourceId }),
  message,
})

export const recordRateAction = formAction({
  permission: 'exchange_rates.write',
  validator: exchangeRateValidator,
  run: async (uow, input) =>
    app.container
      .make(ExchangeRateService)
      .then((service) =>
        service.record(uow, input.currency, toPlainDate(input.rateDate), input.rate)
      ),
  done: (_result, context) => toList('exchange_rates', '✓', context),
})

// 结账: the `new` form of accounting_periods closes the month typed in (YYYY-MM).
export const closePeriodAction = formAction({
  permission: 'periods.close',
  validator: closePeriodValidator,
  run: async (uow, input) =>
    app.container.make(PeriodService).then((service) => service.close(uow, input.period)),
  done: (result: { period: string }, context) =>
    toList('accounting_periods', `${result.period} ✓`, context),
})
