import { inject } from '@adonisjs/core'
import { ApprovalSubmission } from '#workflows/approval_submission'
import { Customer } from '#modules/customers/public'
import { CustomerService } from '#modules/customers/public'
import { serializeCustomer } from '#modules/customers/public'
import type { CreateCustomerInput, UpdateCustomerInput } from '#modules/customers/public'
import { InvalidInput } from '#kernel/errors'
import { reachOwner } from '#modules/customers/public'
import { Money } from '#kernel/money/money'
import { parseAmount } from '#kernel/money/parse_amount'
import type { StoredResponse } from '#kernel/idempotency'
import type { UnitOfWork } from '#kernel/unit_of_work'

/**
 * Which approvable change, if any, an update makes. The credit limit applies in the default
 * currency, so moving a non-zero limit to another currency is a credit-limit change too. One
 * request makes at most one: a deactivation approved with a raised limit inside it, then an
 * (ungated) reactivation, would raise the limit without its own approval.
 */
export function sensitiveChange(
  customer: Pick<Customer, 'status' | 'creditLimit' | 'defaultCurrency'>,
  input: UpdateCustomerInput
) {
  const deactivation = input.status === 'inactive' && customer.status !== 'inactive'
  const limit = input.creditLimit ?? customer.creditLimit
  const limitChange =
    !new Money(limit).equals(customer.creditLimit) ||
    (!new Money(limit).isZero() &&
      input.defaultCurrency !== undefined &&
      input.defaultCurrency !== customer.defaultCurrency)
  if (deactivation && limitChange) {
    throw new InvalidInput(
      'creditLimit',
      'separate_request',
      'a credit-limit change and a deactivation need separate requests (each is approved on its own)'
    )
  }
  if (deactivation) return 'customer_deactivation' as const
  return limitChange ? ('credit_limit_change' as const) : null
}

/**
 * A customer edit, as the API and the panel both make it: plain changes apply at once (200); a
 * credit-limit change or a deactivation goes through the approval gate (202 while it waits).
 * Sales may not hand a customer to someone else: their salesOwnerId is ignored.
 */
@inject()
export class CustomerUpdates {
  constructor(
    private customers: CustomerService,
    private submission: ApprovalSubmission
  ) {}

  /**
   * A new customer, as the API and the panel both create it: its credit limit is 0 until a
   * non-zero one passes the same gate as a change (a creator could otherwise grant any limit).
   * `creditLimitApproval` is the pending request, or null when the limit applied (or was 0).
   */
  async create(uow: UnitOfWork, input: CreateCustomerInput) {
    const { creditLimit, ...rest } = input
    let customer = await this.customers.create(uow, { ...rest, creditLimit: '0' })
    if (creditLimit === undefined || new Money(creditLimit).isZero()) {
      return { customer, creditLimitApproval: null }
    }
    const answer = await this.submit(uow, customer.id, { creditLimit })
    if (answer.status === 202) return { customer, creditLimitApproval: answer.body }
    customer = await this.customers.lock(uow, customer.id)
    return { customer, creditLimitApproval: null }
  }

  async submit(
    uow: UnitOfWork,
    customerId: number,
    input: UpdateCustomerInput
  ): Promise<StoredResponse> {
    if (reachOwner({ id: uow.actor.userId ?? 0, role: uow.actor.role }) !== null) {
      delete input.salesOwnerId
    }
    const customer = await this.customers.lock(uow, customerId)
    const action = sensitiveChange(customer, input)
    if (!action) {
      const updated = await this.customers.update(uow, customer, input)
      return { status: 200, body: serializeCustomer(updated) }
    }
    const currency = input.defaultCurrency ?? customer.defaultCurrency
    return this.submission.submit(uow, {
      action,
      customerId: customer.id,
      projectId: null,
      currency: action === 'credit_limit_change' ? currency : null,
      amount:
        action === 'credit_limit_change'
          ? input.creditLimit === undefined
            ? new Money(customer.creditLimit)
            : parseAmount('creditLimit', input.creditLimit, currency, { allowZero: true })
          : null,
      reserve: null,
      payload: { customerId: customer.id, changes: input },
      directStatus: 200,
    })
  }
}
