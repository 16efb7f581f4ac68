import { inject } from '@adonisjs/core'
import { ApprovalSubmission } from '#workflows/approval_submission'
import { CustomerUpdates } from '#workflows/customer_updates'
import { CustomerService } from '#modules/customers/public'
import { CurrencyLimitService, type CurrencyLimitChange } from '#modules/customers/public'
import { Money } from '#kernel/money/money'
import { parseAmount } from '#kernel/money/parse_amount'
import type { StoredResponse } from '#kernel/idempotency'
import type { UnitOfWork } from '#kernel/unit_of_work'

/**
 * PUT /customers/:id/limits (and the panel): one currency's credit limit and low-balance line.
 * The default currency's row is a customer update (CustomerUpdates, its gate); in another currency
 * a credit-limit change goes through the same gate (`credit_limit_change`, in that currency, 202
 * while it waits) and a threshold alone applies at once.
 */
@inject()
export class CurrencyLimitUpdates {
  constructor(
    private customers: CustomerService,
    private limits: CurrencyLimitService,
    private updates: CustomerUpdates,
    private submission: ApprovalSubmission
  ) {}

  async submit(
    uow: UnitOfWork,
    customerId: number,
    change: CurrencyLimitChange
  ): Promise<StoredResponse> {
    const customer = await this.customers.lock(uow, customerId)
    if (change.currency === customer.defaultCurrency) {
      const { creditLimit, lowBalanceThreshold } = change
      const fields = { creditLimit, lowBalanceThreshold }
      const answer = await this.updates.submit(uow, customerId, fields)
      if (answer.status !== 200) return answer
      return { status: 200, body: { data: await this.limits.list(uow.trx, customer) } }
    }
    const current = await this.limits.find(uow.trx, customer, change.currency)
    const limit =
      change.creditLimit === undefined
        ? null
        : parseAmount('creditLimit', change.creditLimit, change.currency, { allowZero: true })
    const limitChange = limit !== null && !limit.equals(new Money(current?.creditLimit ?? '0'))
    if (!limitChange) {
      return { status: 200, body: { data: await this.limits.set(uow, customer, change) } }
    }
    return this.submission.submit(uow, {
      action: 'credit_limit_change',
      customerId: customer.id,
      projectId: null,
      currency: change.currency,
      amount: limit,
      reserve: null,
      payload: { customerId: customer.id, currencyLimit: change },
      directStatus: 200,
    })
  }
}
