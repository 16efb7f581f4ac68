import type { HttpContext } from '@adonisjs/core/http'
import { panelCaller } from '#modules/admin/controllers/panel_caller'
import { panelActor } from '#modules/admin/panel/panel_user'
import { ImportsController } from '#modules/imports/public'
import type { Actor } from '#kernel/actor'

/**
 * The panel's upload page calls these routes (/admin/imports…) with its session cookie: the JSON API
 * takes bearer tokens only. The same import jobs, permissions and audit rows as the API; what the
 * cookie adds is a CSRF risk, so a request another site's page made is refused (Origin and
 * Sec-Fetch-Site must say this origin).
 */
export default class PanelImportsController extends ImportsController {
  protected async actor(ctx: HttpContext): Promise<Actor> {
    return panelActor(await panelCaller(ctx), ctx)
  }
}
