import type { HttpContext } from '@adonisjs/core/http'
import { Forbidden, InvalidInput, NotFound } from '#exceptions/api_errors'
import Customer from '#modules/customers/models/customer'
import { mayActOnCustomer } from '#modules/customers/policies/customer_policy'
import type { Permission } from '#modules/identity/roles'

/**
 * Loads a customer and checks the caller may act on it. `source` says where the id came from: a URL
 * id that does not exist is a 404, a body field that does not is a 422 on that field.
 */
export async function authorizedCustomer(
  ctx: HttpContext,
  customerId: number,
  permission: Permission,
  source: { field?: string } = {}
): Promise<Customer> {
  const customer = Number.isSafeInteger(customerId) ? await Customer.find(customerId) : null
  if (!customer) {
    if (source.field)
      throw new InvalidInput(source.field, 'exists', `${source.field} does not name a customer`)
    throw new NotFound('customer')
  }
  if (!mayActOnCustomer(ctx.auth.getUserOrFail(), customer, permission)) throw new Forbidden()
  return customer
}
