import type { ActionContext, ActionRequest } from 'adminjs'
import type { Permission } from '#modules/identity/public'
import { allows } from '#modules/admin/panel/panel_user'

type PageHandler = (request: ActionRequest, response: unknown, context: ActionContext) => unknown

/**
 * A resource-wide page of the panel drawn by its own React component (resources/admin/components),
 * open to holders of `permission`. The page does its work through its own routes or `handler`;
 * without one the page only needs to be shown.
 */
export function pageAction(
  icon: string,
  component: string,
  permission: Permission,
  handler: PageHandler = async () => ({})
) {
  return {
    actionType: 'resource' as const,
    icon,
    component,
    isAccessible: allows(permission),
    handler,
  }
}
