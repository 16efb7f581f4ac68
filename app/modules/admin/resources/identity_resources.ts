import { MENU, panelArea } from '#modules/admin/panel/panel_area'
import type { ActionContext, ResourceWithOptions } from 'adminjs'
import { refusalOf, formAction } from '#modules/admin/panel/form_action'
import { allows, httpContextOf, panelActor, type PanelUser } from '#modules/admin/panel/panel_user'
import { showUrl } from '#modules/admin/panel/resource_helpers'
import { columnsOf } from '#modules/admin/panel/columns'
import type { ColumnSpec } from '#modules/admin/panel/sql_resource'
import { ROLES } from '#modules/identity/public'
import { UserService } from '#modules/identity/public'
import { createUserValidator, updateUserValidator } from '#modules/identity/public'

const systemArea = panelArea(MENU.system, 'users.manage')

const users = new UserService()
const done = (user: { id: number; email: string }, context: any) => ({
  redirectUrl: showUrl(context, 'users', user.id),
  message: `${user.email} ✓`,
})

const usersTable = columnsOf('users')

const userColumns: ColumnSpec[] = [
  usersTable.id(),
  // shown to people by name (陈静), found by name or e-mail
  {
    name: 'label',
    sql: 'users.full_name',
    filterSql: "users.full_name || ' ' || users.email",
    filter: 'ilike',
    isTitle: true,
  },
  usersTable.field('email', { filter: 'ilike', required: true }),
  usersTable.field('fullName', { filter: 'ilike', required: true }),
  // Role labels: panel_values.json `role` (SHARED_LABELS in panel/resource_helpers.ts).
  usersTable.choice('role', ROLES, undefined, { required: true }),
  usersTable.field('department', { filter: 'ilike' }),
  usersTable.flag('isActive', { filter: 'exact' }),
  usersTable.instant('createdAt'),
  { name: 'password', type: 'password', virtual: true },
]

/** New, edit and deactivate, through UserService (the API's service). */
const userActions = {
  new: formAction({
    permission: 'users.manage',
    validator: createUserValidator,
    execute: (actor, input) => users.create(actor, input),
    done,
  }),
  edit: formAction({
    permission: 'users.manage',
    validator: updateUserValidator,
    execute: (actor, input, context) => users.update(actor, Number(context.record!.id()), input),
    done,
  }),
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
}

/** Users and roles (admin only). Every change goes through UserService and is audited. */
export function identityResources(): ResourceWithOptions[] {
  return [
    systemArea.resource(
      {
        table: 'users',
        columns: userColumns,
      },
      {
        // Users are referenced (created by, closed by) from pages every role sees: the title shows.
        listProperties: ['id', 'email', 'fullName', 'role', 'department', 'isActive'],
        showProperties: ['id', 'email', 'fullName', 'role', 'department', 'isActive', 'createdAt'],
        editProperties: ['email', 'fullName', 'role', 'department', 'password'],
        filterProperties: ['email', 'fullName', 'role', 'isActive'],
        actions: userActions,
      }
    ),
  ]
}
