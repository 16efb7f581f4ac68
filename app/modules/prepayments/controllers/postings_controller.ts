import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import type { VineValidator } from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { NotFound } from '#kernel/errors'
import { Submissions } from '#workflows/ledger_submissions'
import { bodyCustomerGuard } from '#modules/customers/public'
import type { Permission } from '#modules/identity/public'
import {
  adjustmentValidator,
  applicationValidator,
  refundValidator,
  reversalValidator,
} from '#modules/prepayments/validators/posting_validators'
import { executeCommand } from '#kernel/api_command'
import type { StoredResponse } from '#kernel/idempotency'
import type { UnitOfWork } from '#kernel/unit_of_work'

/**
 * The approvable money-moving endpoints (核销, 退款, 调整, 红冲; receipts: ReceiptsController). Each:
 * validate, then in one unit of work authorise on the customer and submit through the approval
 * gate (201 posted, or 202 pending).
 */
@inject()
export default class PostingsController {
  constructor(private submissions: Submissions) {}

  application(ctx: HttpContext) {
    return this.submitBody(ctx, applicationValidator, 'applications.post', (uow, input) =>
      this.submissions.application(uow, input)
    )
  }

  refund(ctx: HttpContext) {
    return this.submitBody(ctx, refundValidator, 'refunds.post', (uow, input) =>
      this.submissions.refund(uow, input)
    )
  }

  adjustment(ctx: HttpContext) {
    return this.submitBody(ctx, adjustmentValidator, 'adjustments.post', (uow, input) =>
      this.submissions.adjustment(uow, input)
    )
  }

  async reverse(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(reversalValidator)
    const journalId = Number(ctx.params.id)
    const journal = await db.from('journals').select('customer_id').where('id', journalId).first()
    if (!journal) throw new NotFound('journal')
    await this.run(ctx, journal.customer_id, 'reversals.post', (uow) =>
      this.submissions.reversal(uow, journalId, input)
    )
  }

  /** A submission for the customer its body names: validated, then authorised on that customer. */
  private async submitBody<V extends VineValidator<any, any>>(
    ctx: HttpContext,
    validator: V,
    permission: Permission,
    submit: (uow: UnitOfWork, input: Infer<V>) => Promise<StoredResponse>
  ) {
    const input = await ctx.request.validateUsing(validator)
    await this.run(ctx, input.customerId, permission, (uow) => submit(uow, input))
  }

  private async run(
    ctx: HttpContext,
    customerId: number,
    permission: Permission,
    work: (uow: UnitOfWork) => Promise<StoredResponse>
  ) {
    await executeCommand(ctx, work, { customer: bodyCustomerGuard(ctx, customerId, permission) })
  }
}
