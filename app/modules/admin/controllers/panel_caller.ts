import type { HttpContext } from '@adonisjs/core/http'
import { ApiError, Forbidden } from '#kernel/errors'
import { requirePanelUser } from '#modules/admin/middleware/panel_session_middleware'
import type { PanelUser } from '#modules/admin/panel/panel_user'

/** Refuses a request another site's page made (the session cookie would go with it). */
export function refuseCrossSite(ctx: HttpContext) {
  const site = ctx.request.header('sec-fetch-site')
  const origin = ctx.request.header('origin')
  const crossSite = site !== undefined && site !== 'same-origin' && site !== 'none'
  let foreignOrigin = false
  if (origin !== undefined) {
    try {
      foreignOrigin = new URL(origin).host !== ctx.request.header('host')
    } catch {
      foreignOrigin = true
    }
  }
  if (crossSite || foreignOrigin) throw new Forbidden('a request from another site')
}

/**
 * Who calls one of the panel's own JSON routes (uploads, downloads) with the session cookie: this
 * site's page only (403 otherwise), signed in to the panel (401 otherwise).
 */
export async function panelCaller(ctx: HttpContext): Promise<PanelUser> {
  refuseCrossSite(ctx)
  const user = await requirePanelUser(ctx)
  if (!user) {
    throw new ApiError(401, [{ rule: 'unauthenticated', message: 'log in to the panel first' }])
  }
  return user
}
