import type { HttpContext } from '@adonisjs/core/http'
import { authorize, authorizedInput } from '#modules/identity/public'
import { executeCommand } from '#kernel/api_command'
import { attachment as contentDisposition } from '#modules/reports/controllers/reports_controller'
import { ConfirmationReview } from './confirmation_review.js'
import { confirmationsQueryValidator, noteValidator } from './confirmation_validators.js'

/** /api/v1/statement-confirmations: the customers' answers; finance resolves and reopens. */
export default class StatementConfirmationsController {
  private review = new ConfirmationReview()

  async index(ctx: HttpContext) {
    await authorize(ctx, 'reports.read')
    const filters = await confirmationsQueryValidator.validate(ctx.request.qs())
    return { data: await this.review.list({ ...filters, limit: filters.limit ?? 100 }) }
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'reports.read')
    return this.review.show(Number(ctx.params.id))
  }

  async attachment(ctx: HttpContext) {
    await authorize(ctx, 'reports.read')
    const file = await this.review.attachment(Number(ctx.params.id))
    ctx.response.header('Content-Type', file.attachment_type)
    ctx.response.header('Content-Disposition', contentDisposition(file.attachment_name))
    ctx.response.header('X-Content-Type-Options', 'nosniff')
    return ctx.response.send(file.attachment)
  }

  async resolve(ctx: HttpContext) {
    const { note } = await authorizedInput(ctx, 'statements.resolve', noteValidator)
    await executeCommand(ctx, async (uow) => ({
      status: 200,
      body: await this.review.resolve(uow, Number(ctx.params.id), note),
    }))
  }

  async reopen(ctx: HttpContext) {
    const { note } = await authorizedInput(ctx, 'statements.resolve', noteValidator)
    await executeCommand(ctx, async (uow) => ({
      status: 200,
      body: await this.review.reopen(uow, Number(ctx.params.id), note),
    }))
  }
}
