import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Authenticators } from '@adonisjs/auth/types'

/** Requires an authenticated, active user on one of the given guards (the API: `api`, tokens only). */
export default class AuthMiddleware {
  async handle(
    ctx: HttpContext,
    next: NextFn,
    options: { guards?: (keyof Authenticators)[] } = {}
  ) {
    await ctx.auth.authenticateUsing(options.guards)
    if (!ctx.auth.user?.isActive) {
      return ctx.response
        .status(401)
        .send({ errors: [{ rule: 'inactive', message: 'this account is deactivated' }] })
    }
    return next()
  }
}
