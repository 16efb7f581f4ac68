import { BasePolicy } from '@adonisjs/bouncer'
import type User from '#modules/identity/models/user'
import { hasPermission, type Permission } from '#modules/identity/roles'

/** Role checks that do not depend on a particular record. */
export default class PermissionPolicy extends BasePolicy {
  allows(user: User, permission: Permission) {
    return user.isActive && hasPermission(user.role, permission)
  }
}
