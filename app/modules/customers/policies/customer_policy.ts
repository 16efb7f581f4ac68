import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#modules/identity/models/user'
import type Customer from '#modules/customers/models/customer'
import { hasPermission, seesOnlyOwnCustomers, type Permission } from '#modules/identity/roles'

/** A permission on one customer: the role must hold it, and sales only for their own customers. */
export function mayActOnCustomer(
  user: User,
  customer: Pick<Customer, 'salesOwnerId'>,
  permission: Permission
) {
  if (!user.isActive || !hasPermission(user.role, permission)) return false
  return !seesOnlyOwnCustomers(user.role) || customer.salesOwnerId === user.id
}

export default class CustomerPolicy extends BasePolicy {
  view(user: User, customer: Customer) {
    return mayActOnCustomer(user, customer, 'customers.read')
  }

  update(user: User, customer: Customer) {
    return mayActOnCustomer(user, customer, 'customers.write')
  }

  /** Post a movement of the given kind on this customer's ledger. */
  post(user: User, customer: Customer, permission: Permission) {
    return mayActOnCustomer(user, customer, permission)
  }
}
