import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { bodyCustomerGuard } from '#modules/customers/public'
import { PostingService } from '#modules/prepayments/services/posting_service'
import { receiptValidator } from '#modules/prepayments/validators/posting_validators'
import { respond } from '#kernel/api_command'

/** 登记: receipts need no approval and go straight to the ledger (201 with the journal). */
@inject()
export default class ReceiptsController {
  constructor(private postings: PostingService) {}

  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(receiptValidator)
    await respond(
      ctx,
      201,
      (uow) => this.postings.receipt(uow, input),
      // One statement, which checks the customer on the account it locks.
      { customer: bodyCustomerGuard(ctx, input.customerId, 'receipts.post'), oneStatement: true }
    )
  }
}
