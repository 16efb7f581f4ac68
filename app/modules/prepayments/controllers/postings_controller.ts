import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { NotFound } from '#exceptions/api_errors'
import { authorizedCustomer } from '#modules/customers/services/customer_access'
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
import type { UnitOfWork } from '#modules/shared/unit_of_work'
import db from '@adonisjs/lucid/services/db'

/** The money-moving endpoints. Each: validate, authorise on the customer, post in one unit of work. */
@inject()
export default class PostingsController {
  constructor(private postings: PostingService) {}

  async receipt(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(receiptValidator)
    await this.post(ctx, input.customerId, 'receipts.post', (uow) =>
      this.postings.receipt(uow, input)
    )
  }

  async application(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(applicationValidator)
    await this.post(ctx, input.customerId, 'applications.post', (uow) =>
      this.postings.application(uow, input)
    )
  }

  async refund(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(refundValidator)
    await this.post(ctx, input.customerId, 'refunds.post', (uow) =>
      this.postings.refund(uow, input)
    )
  }

  async adjustment(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(adjustmentValidator)
    await this.post(ctx, input.customerId, 'adjustments.post', (uow) =>
      this.postings.adjustment(uow, input)
    )
  }

  async reverse(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(reversalValidator)
    const journal = await db
      .from('journals')
      .select('customer_id')
      .where('id', Number(ctx.params.id) || 0)
      .first()
    if (!journal) throw new NotFound('journal')
    await this.post(ctx, journal.customer_id, 'reversals.post', (uow) =>
      this.postings.reverse(uow, Number(ctx.params.id), input)
    )
  }

  private async post(
    ctx: HttpContext,
    customerId: number,
    permission: Permission,
    work: (uow: UnitOfWork) => Promise<unknown>
  ) {
    await authorizedCustomer(ctx, customerId, permission, { field: 'customerId' })
    await executeCommand(ctx, async (uow) => ({ status: 201, body: await work(uow) }))
  }
}
