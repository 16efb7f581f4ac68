/** Bouncer policies of every module, by name. */
export const policies = {
  PermissionPolicy: () => import('#modules/identity/policies/permission_policy'),
  CustomerPolicy: () => import('#modules/customers/policies/customer_policy'),
}
