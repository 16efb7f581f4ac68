import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import type { SessionStoreFactory } from '@adonisjs/session/types'
import ShieldMiddleware from '@adonisjs/shield/shield_middleware'

/** A JSON API call that authenticates with `Authorization: Bearer …`: another system, not a browser. */
export function isTokenApiCall(ctx: HttpContext): boolean {
  return (
    ctx.request.url().startsWith('/api/') &&
    /^bearer /i.test(ctx.request.header('authorization') ?? '')
  )
}

/**
 * The cookie session and shield (CSRF, frame and sniffing headers) for browser requests. An API
 * call with a bearer token is authenticated by that token alone (see AuthMiddleware): it gets neither
 * a session it would never send back nor a CSRF secret it cannot use — both cost a random id, a
 * signature and a Set-Cookie on every API call.
 */
@inject()
export default class BrowserSessionMiddleware {
  constructor(
    private session: SessionMiddleware<Record<string, SessionStoreFactory>>,
    private shield: ShieldMiddleware
  ) {}

  handle(ctx: HttpContext, next: NextFn) {
    if (isTokenApiCall(ctx)) return next()
    return this.session.handle(ctx, () => this.shield.handle(ctx, next))
  }
}
