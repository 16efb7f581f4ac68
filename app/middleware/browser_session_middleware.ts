import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import type { SessionStoreFactory } from '@adonisjs/session/types'
import ShieldMiddleware from '@adonisjs/shield/shield_middleware'
import { isApiCall } from '#middleware/api_content_type_middleware'

/**
 * The cookie session and shield (CSRF, frame and sniffing headers) for browser requests (the
 * panel). The JSON API is authenticated by bearer tokens alone (see AuthMiddleware): it gets neither
 * a session it never reads nor a CSRF secret — a cookie sent to /api authenticates nothing, so a
 * hostile page cannot ride a logged-in panel user's session.
 */
@inject()
export default class BrowserSessionMiddleware {
  constructor(
    private session: SessionMiddleware<Record<string, SessionStoreFactory>>,
    private shield: ShieldMiddleware
  ) {}

  handle(ctx: HttpContext, next: NextFn) {
    if (isApiCall(ctx)) return next()
    return this.session.handle(ctx, () => this.shield.handle(ctx, next))
  }
}
