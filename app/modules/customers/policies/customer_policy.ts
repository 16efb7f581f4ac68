import { BasePolicy } from '@adonisjs/bouncer'
import type { User } from '#modules/identity/public'
import type Customer from '#modules/customers/models/customer'
import { hasPermission, type Permission } from '#modules/identity/public'
import { isWithinReach } from '#modules/customers/reach'

/** Whether the user may use the permission at all (on some customer): active, and the role holds it. */
export function mayUsePermission(user: Pick<User, 'isActive' | 'role'>, permission: Permission) {
  return user.isActive && hasPermission(user.role, permission)
}

/** A permission on one customer: the role must hold it, and sales only for their own customers. */
export function mayActOnCustomer(
  user: User,
  customer: Pick<Customer, 'salesOwnerId'>,
  permission: Permission
) {
  return mayUsePermission(user, permission) && isWithinReach(user, customer)
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
