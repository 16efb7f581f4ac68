import type { HttpContext } from '@adonisjs/core/http'
import type { VineValidator } from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import PermissionPolicy from '#modules/identity/policies/permission_policy'
import type { Permission } from '#modules/identity/roles'

// The first lines of an API handler: may the caller's role do this at all (403), then what did it
// send (422). Checks on a particular customer come after (customers/services/customer_access.ts).

const READS = new Set(['GET', 'HEAD'])

/** The caller's role has `permission` (an inactive user has none); 403 otherwise. */
export function authorize(ctx: HttpContext, permission: Permission): Promise<void> {
  return ctx.bouncer.with(PermissionPolicy).authorize('allows', permission)
}

/**
 * Authorised for `permission`, then the request's input validated: a GET's (or HEAD's) query
 * string, any other method's body with its uploaded files (validateUsing's default). Refused before
 * validation, so a caller without the right learns nothing of the input rules.
 */
export async function authorizedInput<V extends VineValidator<any, any>>(
  ctx: HttpContext,
  permission: Permission,
  validator: V
): Promise<Infer<V>> {
  await authorize(ctx, permission)
  if (READS.has(ctx.request.method())) {
    return ctx.request.validateUsing(validator, { data: ctx.request.qs() })
  }
  return ctx.request.validateUsing(validator)
}

/**
 * A list endpoint: authorised, its query validated, `{ data }` of what `list` finds for those
 * filters, at most `limit` rows (`defaultLimit` when the query names none).
 */
export async function authorizedList<V extends VineValidator<any, any>>(
  ctx: HttpContext,
  permission: Permission,
  validator: V,
  list: (filters: Infer<V> & { limit: number }) => Promise<unknown[]>,
  defaultLimit = 100
) {
  const filters = await authorizedInput(ctx, permission, validator)
  return { data: await list({ ...filters, limit: filters.limit ?? defaultLimit }) }
}

/** The numeric `:id` of a `/things/:id` route. */
export function routeId(ctx: HttpContext): number {
  return Number(ctx.params.id)
}
