import type { ActionContext, ResourceWithOptions } from 'adminjs'
import { displayInstant } from '#modules/admin/panel/format'
import { formHandler, refusalOf } from '#modules/admin/panel/form_action'
import { allows, httpContextOf, panelActor, type PanelUser } from '#modules/admin/panel/panel_user'
import { showUrl, tableResource } from '#modules/admin/panel/resource_helpers'
import { ROLES } from '#modules/identity/roles'
import { UserService } from '#modules/identity/services/user_service'
import {
  createUserValidator,
  updateUserValidator,
} from '#modules/identity/validators/auth_validators'

const users = new UserService()
const done = (user: { id: number; email: string }, context: any) => ({
  redirectUrl: showUrl(context, 'users', user.id),
  message: `${user.email} ✓`,
})

/** Users and roles (admin only). Every change goes through UserService and is audited. */
export function identityResources(): ResourceWithOptions[] {
  return [
    tableResource(
      {
        id: 'users',
        table: 'users',
        columns: [
          { name: 'id', type: 'number', sortable: true },
          { name: 'email', sql: 'users.email', filter: 'ilike', isTitle: true, required: true },
          { name: 'fullName', sql: 'users.full_name', filter: 'ilike', required: true },
          {
            name: 'role',
            sql: 'users.role',
            availableValues: [...ROLES],
            filter: 'exact',
            required: true,
          },
          { name: 'department', sql: 'users.department', filter: 'ilike' },
          { name: 'isActive', sql: 'users.is_active', type: 'boolean', filter: 'exact' },
          {
            name: 'createdAt',
            sql: 'users.created_at',
            compute: (r) => displayInstant(r.createdAt),
          },
          { name: 'password', type: 'password', virtual: true },
        ],
      },
      'users.manage',
      {
        navigation: { name: 'system', icon: 'Settings' },
        // Users are referenced (created by, closed by) from pages every role sees: the title shows.
        listProperties: ['id', 'email', 'fullName', 'role', 'department', 'isActive'],
        showProperties: ['id', 'email', 'fullName', 'role', 'department', 'isActive', 'createdAt'],
        editProperties: ['email', 'fullName', 'role', 'department', 'password'],
        filterProperties: ['email', 'fullName', 'role', 'isActive'],
        actions: {
          new: {
            isAccessible: allows('users.manage'),
            handler: formHandler({
              permission: 'users.manage',
              validator: createUserValidator,
              execute: (actor, input) => users.create(actor, input),
              done,
            }),
          },
          edit: {
            isAccessible: allows('users.manage'),
            handler: formHandler({
              permission: 'users.manage',
              validator: updateUserValidator,
              execute: (actor, input, context) =>
                users.update(actor, Number(context.record!.id()), input),
              done,
            }),
          },
          deactivate: {
            actionType: 'record',
            icon: 'UserX',
            component: false,
            guard: 'confirmDeactivate',
            isAccessible: allows('users.manage'),
            isVisible: ({ currentAdmin, record }: ActionContext) =>
              allows('users.manage')({ currentAdmin }) && record?.params.isActive === true,
            handler: async (request: unknown, _response: unknown, context: ActionContext) => {
              const record = context.record!.toJSON(context.currentAdmin)
              try {
                const user = await users.deactivate(
                  panelActor(context.currentAdmin as unknown as PanelUser, httpContextOf(request)),
                  Number(context.record!.id())
                )
                return {
                  record,
                  redirectUrl: showUrl(context, 'users', user.id),
                  notice: { message: `${user.email} ✗`, type: 'success' },
                }
              } catch (error) {
                return { record, notice: { message: refusalOf(error).notice, type: 'error' } }
              }
            },
          },
        },
      }
    ),
  ]
}
