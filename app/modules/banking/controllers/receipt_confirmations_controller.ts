import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { authorize } from '#modules/identity/public'
import { ReceiptConfirmationService } from '#modules/banking/services/receipt_confirmation_service'
import { respond } from '#kernel/api_command'

/** POST /api/v1/receipts/:id/confirm — 到账确认 by a second person of finance. */
@inject()
export default class ReceiptConfirmationsController {
  constructor(private confirmations: ReceiptConfirmationService) {}

  async store(ctx: HttpContext) {
    await authorize(ctx, 'receipts.confirm')
    const journalId = Number(ctx.params.id)
    await respond(ctx, 200, (uow) => this.confirmations.confirm(uow, journalId))
  }
}
