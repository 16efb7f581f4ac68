import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import { NotFound } from '#exceptions/api_errors'
import { Submissions } from '#modules/approvals/services/submissions'
import { customerGuard } from '#modules/customers/services/customer_access'
import type { Permission } from '#modules/identity/roles'
import { PostingService } from '#modules/prepayments/services/posting_service'
import {
  adjustmentValidator,
  applicationValidator,
  receiptValidator,
  refundValidator,
  reversalValidator,
} from '#modules/prepayments/validators/posting_validators'
import { executeCommand } from '#modules/shared/api_command'
import type { StoredResponse } from '#modules/shared/idempotency'
import type { UnitOfWork } from '#modules/shared/unit_of_work'

/**
 * The money-moving endpoints. Each: validate, then in one unit of work authorise on the customer
 * and post — receipts at once (201), the rest through the approval gate (201 posted, or 202 pending).
 */
@inject()
export default class PostingsController {
  constructor(
    private postings: PostingService,
    private submissions: Submissions
  ) {}

  async receipt(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(receiptValidator)
    const post = async (uow: UnitOfWork) => ({
      status: 201,
      body: await this.postings.receipt(uow, input),
    })
    // A receipt goes straight to the ledger: one statement that checks the customer it locks.
    await this.run(ctx, input.customerId, 'receipts.post', post, { oneStatement: true })
  }

  async application(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(applicationValidator)
    await this.run(ctx, input.customerId, 'applications.post', (uow) =>
      this.submissions.application(uow, input)
    )
  }

  async refund(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(refundValidator)
    await this.run(ctx, input.customerId, 'refunds.post', (uow) =>
      this.submissions.refund(uow, input)
    )
  }

  async adjustment(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(adjustmentValidator)
    await this.run(ctx, input.customerId, 'adjustments.post', (uow) =>
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

  private async run(
    ctx: HttpContext,
    customerId: number,
    permission: Permission,
    work: (uow: UnitOfWork) => Promise<StoredResponse>,
    options: { oneStatement?: boolean } = {}
  ) {
    await executeCommand(ctx, work, {
      customer: customerGuard(ctx.auth.getUserOrFail(), customerId, permission, {
        field: 'customerId',
      }),
      oneStatement: options.oneStatement,
    })
  }
}
