import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#kernel/errors'
import { requestLocale } from '#exceptions/error_messages'
import { actorFromHttp, type Actor } from '#kernel/actor'
import type { Locale } from '#kernel/i18n'
import { runInTransaction } from '#kernel/unit_of_work'
import { NotificationService } from '#modules/notifications/services/notification_service'
import {
  inboxValidator,
  preferencesValidator,
} from '#modules/notifications/validators/notification_validators'

/** Who reads: the acting person (always a user) and the language they read in. */
export interface Reader {
  actor: Actor & { userId: number }
  locale: Locale
}

/**
 * The caller's own notifications (GET /api/v1/notifications…): every role has an inbox, and only
 * its own; messages in the request's language (Accept-Language). Marking read and the
 * preferences are audited state changes (one unit of work each).
 */
@inject()
export default class NotificationsController {
  constructor(protected notifications: NotificationService) {}

  /** The API's reader: the bearer token's user, the Accept-Language. */
  protected async reader(ctx: HttpContext): Promise<Reader> {
    const actor = actorFromHttp(ctx)
    if (actor.userId === null) {
      throw new ApiError(401, [{ rule: 'unauthenticated', message: 'log in first' }])
    }
    return { actor: { ...actor, userId: actor.userId }, locale: requestLocale(ctx) }
  }

  async index(ctx: HttpContext) {
    const { actor, locale } = await this.reader(ctx)
    const query = await ctx.request.validateUsing(inboxValidator, { data: ctx.request.qs() })
    return this.notifications.inbox(actor.userId, locale, query)
  }

  async read(ctx: HttpContext) {
    const { actor, locale } = await this.reader(ctx)
    const id = Number(ctx.params.id)
    return runInTransaction(actor, (uow) =>
      this.notifications.markRead(uow, actor.userId, id, locale)
    )
  }

  async readAll(ctx: HttpContext) {
    const { actor } = await this.reader(ctx)
    return runInTransaction(actor, (uow) => this.notifications.markAllRead(uow, actor.userId))
  }

  async preferences(ctx: HttpContext) {
    const { actor } = await this.reader(ctx)
    return this.notifications.preferences(actor.userId)
  }

  async updatePreferences(ctx: HttpContext) {
    const { actor } = await this.reader(ctx)
    const input = await ctx.request.validateUsing(preferencesValidator)
    return runInTransaction(actor, (uow) =>
      this.notifications.setPreferences(uow, actor.userId, input.preferences)
    )
  }
}
