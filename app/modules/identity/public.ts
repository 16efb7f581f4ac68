// What other modules may use of identity (docs/structure.md, "Public surfaces").

export { ActingCommand } from '#modules/identity/acting_command'
export { authorize, authorizedInput, authorizedList, routeId } from '#modules/identity/api_access'
export { ManagedTableController } from '#modules/identity/managed_table_controller'
export { default as User } from '#modules/identity/models/user'
export { ROLES, hasPermission, seesOnlyOwnCustomers } from '#modules/identity/roles'
export type { Permission } from '#modules/identity/roles'
export { identitySchemas } from '#modules/identity/services/identity_schemas'
export { LoginService } from '#modules/identity/services/login_service'
export { setUserLanguage } from '#modules/identity/services/user_language'
export { UserService } from '#modules/identity/services/user_service'
export {
  createUserValidator,
  credentialsValidator,
  updateUserValidator,
} from '#modules/identity/validators/auth_validators'
