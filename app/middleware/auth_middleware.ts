import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Authenticators } from '@adonisjs/auth/types'
import { isTokenApiCall } from '#middleware/browser_session_middleware'

/**
 * Requires an authenticated, active user on one of the given guards. An API call carrying a
 * bearer token is judged by the token guard alone (it has no session to fall back on).
 */
export default class AuthMiddleware {
  async handle(
    ctx: HttpContext,
    next: NextFn,
    options: { guards?: (keyof Authenticators)[] } = {}
  ) {
    await ctx.auth.authenticateUsing(isTokenApiCall(ctx) ? ['api'] : options.guards)
    if (!ctx.auth.user?.isActive) {
      return ctx.response
        .status(401)
        .send({ errors: [{ rule: 'inactive', message: 'this account is deactivated' }] })
    }
    return next()
  }
}
