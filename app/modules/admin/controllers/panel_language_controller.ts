import type { HttpContext } from '@adonisjs/core/http'
import { panelCaller } from '#modules/admin/controllers/panel_caller'
import { PANEL_SESSION_KEY } from '#modules/admin/middleware/panel_session_middleware'
import { panelActor } from '#modules/admin/panel/panel_user'
import { panelLanguageValidator } from '#modules/admin/validators/panel_language_validator'
import { setUserLanguage } from '#modules/identity/public'

/**
 * POST /admin/language: the language chosen in the panel's selector becomes the user's own
 * (users.locale), so every later page — and their e-mails and notifications — use it.
 */
export default class PanelLanguageController {
  async update(ctx: HttpContext) {
    const user = await panelCaller(ctx)
    const { locale } = await ctx.request.validateUsing(panelLanguageValidator)
    await setUserLanguage(panelActor(user, ctx), locale)
    ctx.session.put(PANEL_SESSION_KEY, { ...user, locale })
    return { locale }
  }
}
