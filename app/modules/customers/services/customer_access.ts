import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { Forbidden, InvalidInput, NotFound } from '#kernel/errors'
import Customer from '#modules/customers/models/customer'
import { mayActOnCustomer, mayUsePermission } from '#modules/customers/policies/customer_policy'
import { reachOwner } from '#modules/customers/reach'
import type { User } from '#modules/identity/public'
import type { Permission } from '#modules/identity/public'
import type { CustomerGuard } from '#kernel/unit_of_work'

/** Where a customer id came from: a body field (unknown → 422 on it) or the URL (unknown → 404). */
interface IdSource {
  field?: string
}

/**
 * Loads a customer and checks the caller may act on it. `source` says where the id came from: a URL
 * id that does not exist is a 404, a body field that does not is a 422 on that field.
 */
export async function authorizedCustomer(
  ctx: HttpContext,
  customerId: number,
  permission: Permission,
  source: IdSource = {}
): Promise<Customer> {
  const customer = Number.isSafeInteger(customerId) ? await Customer.find(customerId) : null
  assertMayActOn(ctx.auth.getUserOrFail(), customer, permission, source)
  return customer!
}

/**
 * The same check for a command's unit of work (API or panel): run by the ledger's statement on the
 * customer it locks, or with a read of its own inside the transaction (see CustomerGuard). A caller
 * whose role may not do this to any customer is refused at once.
 */
export function customerGuard(
  user: User,
  customerId: number,
  permission: Permission,
  source: IdSource = {}
): CustomerGuard {
  if (!mayUsePermission(user, permission)) throw new Forbidden()
  return {
    customerId,
    requiredOwner: reachOwner(user),
    check: (customer) => assertMayActOn(user, customer, permission, source),
    async load(trx: TransactionClientContract) {
      const row = Number.isSafeInteger(customerId)
        ? await trx.from('customers').select('sales_owner_id').where('id', customerId).first()
        : null
      assertMayActOn(user, row ? { salesOwnerId: row.sales_owner_id } : null, permission, source)
    },
  }
}

/** The guard for a command whose body names the customer (`customerId`). */
export function bodyCustomerGuard(ctx: HttpContext, customerId: number, permission: Permission) {
  return customerGuard(ctx.auth.getUserOrFail(), customerId, permission, { field: 'customerId' })
}

function assertMayActOn(
  user: User,
  customer: { salesOwnerId: number | null } | null,
  permission: Permission,
  source: IdSource
) {
  if (!customer) {
    if (source.field)
      throw new InvalidInput(source.field, 'exists', `${source.field} does not name a customer`)
    throw new NotFound('customer')
  }
  if (!mayActOnCustomer(user, customer, permission)) throw new Forbidden()
}
