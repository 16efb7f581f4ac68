import router from '@adonisjs/core/services/router'

/**
 * The URL of a named route (start/routes.ts), e.g. `route('refunds.store')` or
 * `route('approvals.approve', { id })`: tests follow the route's name, not a copy of its path.
 */
export function route(
  name: string,
  params?: Record<string, unknown>,
  qs?: Record<string, unknown>
) {
  return router.makeUrl(name, params, qs ? { qs } : undefined)
}
