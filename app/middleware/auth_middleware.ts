import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Authenticators } from '@adonisjs/auth/types'
import { ApiError } from '#kernel/errors'

/** Requires an authenticated, active user on one of the given guards (the API: `api`, tokens only). */
export default class AuthMiddleware {
  async handle(
    ctx: HttpContext,
    next: NextFn,
    options: { guards?: (keyof Authenticators)[] } = {}
  ) {
    await ctx.auth.authenticateUsing(options.guards)
    if (!ctx.auth.user?.isActive) {
      // through the error handler: the message in the caller's language, the usual shape
      throw new ApiError(401, [
        { field: null, rule: 'inactive', message: 'this account is deactivated' },
      ])
    }
    return next()
  }
}
