import type { HttpContext } from '@adonisjs/core/http'
import { ApiError, Forbidden } from '#kernel/errors'
import { requirePanelUser } from '#modules/admin/middleware/panel_session_middleware'
import { panelActor } from '#modules/admin/panel/panel_user'
import ImportsController from '#modules/imports/controllers/imports_controller'
import type { Actor } from '#kernel/actor'

/**
 * The panel's upload page calls these routes (/admin/imports…) with its session cookie: the JSON API
 * takes bearer tokens only. The same import jobs, permissions and audit rows as the API; what the
 * cookie adds is a CSRF risk, so a request another site's page made is refused (Origin and
 * Sec-Fetch-Site must say this origin).
 */
export default class PanelImportsController extends ImportsController {
  protected async actor(ctx: HttpContext): Promise<Actor> {
    refuseCrossSite(ctx)
    const user = await requirePanelUser(ctx)
    if (!user) {
      throw new ApiError(401, [{ rule: 'unauthenticated', message: 'log in to the panel first' }])
    }
    return panelActor(user, ctx)
  }
}

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
