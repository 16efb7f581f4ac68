import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import PermissionPolicy from '#modules/identity/policies/permission_policy'
import { ReceiptConfirmationService } from '#modules/banking/services/receipt_confirmation_service'
import { executeCommand } from '#kernel/api_command'

/** POST /api/v1/receipts/:id/confirm — 到账确认 by a second person of finance. */
@inject()
export default class ReceiptConfirmationsController {
  constructor(private confirmations: ReceiptConfirmationService) {}

  async store(ctx: HttpContext) {
    await ctx.bouncer.with(PermissionPolicy).authorize('allows', 'receipts.confirm')
    const journalId = Number(ctx.params.id)
    await executeCommand(ctx, async (uow) => ({
      status: 200,
      body: await this.confirmations.confirm(uow, journalId),
    }))
  }
}
