import type { HttpContext } from '@adonisjs/core/http'
import { authorize, authorizedInput, authorizedList, routeId } from '#modules/identity/public'
import { respond } from '#kernel/api_command'
import type { UnitOfWork } from '#kernel/unit_of_work'
import { sendDownload } from '#kernel/download'
import { ConfirmationReview } from './confirmation_review.js'
import { confirmationsQueryValidator, noteValidator } from './confirmation_validators.js'

/** /api/v1/statement-confirmations: the customers' answers; finance resolves and reopens. */
export default class StatementConfirmationsController {
  private review = new ConfirmationReview()

  async index(ctx: HttpContext) {
    return authorizedList(ctx, 'reports.read', confirmationsQueryValidator, (filters) =>
      this.review.list(filters)
    )
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'reports.read')
    return this.review.show(routeId(ctx))
  }

  async attachment(ctx: HttpContext) {
    await authorize(ctx, 'reports.read')
    const file = await this.review.attachment(routeId(ctx))
    return sendDownload(ctx, {
      type: file.attachment_type,
      name: file.attachment_name,
      body: file.attachment,
    })
  }

  async resolve(ctx: HttpContext) {
    await this.decide(ctx, (uow, id, note) => this.review.resolve(uow, id, note))
  }

  async reopen(ctx: HttpContext) {
    await this.decide(ctx, (uow, id, note) => this.review.reopen(uow, id, note))
  }

  /** Resolve and reopen: the same right, a note, one audited change. */
  private async decide(
    ctx: HttpContext,
    change: (uow: UnitOfWork, id: number, note: string) => Promise<unknown>
  ) {
    const { note } = await authorizedInput(ctx, 'statements.resolve', noteValidator)
    await respond(ctx, 200, (uow) => change(uow, routeId(ctx), note))
  }
}
