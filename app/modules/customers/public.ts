// What other modules may use of customers (docs/structure.md, "Public surfaces").

export { default as Customer } from '#modules/customers/models/customer'
export { mayActOnCustomer, mayUsePermission } from '#modules/customers/policies/customer_policy'
export {
  isWithinReach,
  reachCondition,
  reachOwner,
  reachSql,
  withinReach,
} from '#modules/customers/reach'
export { currencyLimitSchemas } from '#modules/customers/services/currency_limit_schemas'
export { CurrencyLimitService } from '#modules/customers/services/currency_limits'
export type { CurrencyLimitChange } from '#modules/customers/services/currency_limits'
export {
  authorizedCustomer,
  bodyCustomerGuard,
  customerGuard,
} from '#modules/customers/services/customer_access'
export { customerSchemas } from '#modules/customers/services/customer_schemas'
export { serializeCustomer } from '#modules/customers/services/customer_serializer'
export { CustomerService } from '#modules/customers/services/customer_service'
export { currencyLimitValidator } from '#modules/customers/validators/currency_limit_validators'
export {
  createCustomerValidator,
  createProjectValidator,
  listCustomersValidator,
  updateCustomerValidator,
} from '#modules/customers/validators/customer_validators'
export type {
  CreateCustomerInput,
  UpdateCustomerInput,
} from '#modules/customers/validators/customer_validators'
