import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#kernel/errors'
import { refuseCrossSite } from '#modules/admin/public'
import { requirePanelUser } from '#modules/admin/public'
import { panelActor } from '#modules/admin/public'
import { localeOf, t } from '#kernel/i18n'
import NotificationsController, {
  type Reader,
} from '#modules/notifications/controllers/notifications_controller'

/**
 * The panel's bell (/admin/notifications…): the same inbox with the panel's session cookie, in the
 * panel user's language. A cookie can ride along on another site's request, so such a request is
 * refused (Origin and Sec-Fetch-Site must say this origin), as on the panel's upload routes.
 */
export default class PanelNotificationsController extends NotificationsController {
  protected async reader(ctx: HttpContext): Promise<Reader> {
    refuseCrossSite(ctx)
    const user = await requirePanelUser(ctx)
    if (!user) {
      throw new ApiError(401, [{ rule: 'unauthenticated', message: 'log in to the panel first' }])
    }
    const actor = panelActor(user, ctx)
    return { actor: { ...actor, userId: user.id }, locale: localeOf(user.locale) }
  }

  /** The inbox and the bell's own words, in the panel user's language. */
  async index(ctx: HttpContext) {
    const inbox = await super.index(ctx)
    const { locale } = await this.reader(ctx)
    const labels = Object.fromEntries(
      BELL_LABELS.map((name) => [name, t(locale, `notifications.bell.${name}`)])
    )
    return { ...inbox, labels: { ...labels, locale } }
  }
}

const BELL_LABELS = ['title', 'empty', 'markAll', 'markRead'] as const
