import { inject } from '@adonisjs/core'
import type { Infer } from '@vinejs/vine/types'
import { ApprovalGate } from '#modules/approvals/services/approval_gate'
import Customer from '#modules/customers/models/customer'
import { CustomerService } from '#modules/customers/services/customer_service'
import { serializeCustomer } from '#modules/customers/services/customer_serializer'
import type { updateCustomerValidator } from '#modules/customers/validators/customer_validators'
import { seesOnlyOwnCustomers } from '#modules/identity/roles'
import { Money } from '#modules/prepayments/money/money'
import { parseAmount } from '#modules/prepayments/money/parse_amount'
import type { StoredResponse } from '#modules/shared/idempotency'
import type { UnitOfWork } from '#modules/shared/unit_of_work'

type UpdateCustomerInput = Infer<typeof updateCustomerValidator>

/** Which approvable change, if any, an update makes. */
export function sensitiveChange(
  customer: Pick<Customer, 'status' | 'creditLimit'>,
  input: UpdateCustomerInput
) {
  if (input.status === 'inactive' && customer.status !== 'inactive')
    return 'customer_deactivation' as const
  if (
    input.creditLimit !== undefined &&
    !new Money(input.creditLimit).equals(customer.creditLimit)
  ) {
    return 'credit_limit_change' as const
  }
  return null
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
    private gate: ApprovalGate
  ) {}

  async submit(
    uow: UnitOfWork,
    customerId: number,
    input: UpdateCustomerInput
  ): Promise<StoredResponse> {
    if (seesOnlyOwnCustomers(uow.actor.role ?? '')) delete input.salesOwnerId
    const customer = await this.customers.lock(uow, customerId)
    const action = sensitiveChange(customer, input)
    if (!action) {
      const updated = await this.customers.update(uow, customer, input)
      return { status: 200, body: serializeCustomer(updated) }
    }
    const currency = input.defaultCurrency ?? customer.defaultCurrency
    return this.gate.submit(uow, {
      action,
      customerId: customer.id,
      projectId: null,
      currency: action === 'credit_limit_change' ? currency : null,
      amount:
        action === 'credit_limit_change'
          ? parseAmount('creditLimit', input.creditLimit, currency, { allowZero: true })
          : null,
      reserve: null,
      mayUseCredit: false,
      payload: { customerId: customer.id, changes: input },
      directStatus: 200,
    })
  }
}
