import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { authorizedInput } from '#modules/identity/public'
import { respond } from '#kernel/api_command'
import { authorizedCustomer } from '#modules/customers/public'
import { plainDateOf } from '#modules/prepayments/public'
import { SendNowService } from '#modules/reports/services/send_now_service'
import {
  contactsValidator,
  sendNowValidator,
} from '#modules/reports/confirmations/confirmation_validators'

/**
 * Statements on demand: send now (one customer or a selection), and each customer's statement
 * contacts and language. The preview (not sent) is GET /api/v1/customers/:id/statement.pdf.
 */
@inject()
export default class StatementsController {
  constructor(private sendNow: SendNowService) {}

  /** POST /api/v1/statements/send {customerIds, from, to, locale?} → 201 {runId, deliveries} */
  async send(ctx: HttpContext) {
    const input = await authorizedInput(ctx, 'statements.send', sendNowValidator)
    // The run is the command (an Idempotency-Key replays it); the mail goes out after it commits.
    const created = await respond(ctx, 201, async (uow) => {
      const run = await this.sendNow.createRun(uow, {
        customerIds: input.customerIds,
        from: plainDateOf(input.from),
        to: plainDateOf(input.to),
        locale: input.locale,
      })
      return { runId: Number(run.id) }
    })
    const { runId } = created.body as { runId: number }
    ctx.response.send({ runId, deliveries: await this.sendNow.deliver(runId) })
  }

  async contacts(ctx: HttpContext) {
    const customer = await authorizedCustomer(ctx, Number(ctx.params.id), 'customers.read')
    return this.sendNow.contacts(customer.id)
  }

  async replaceContacts(ctx: HttpContext) {
    const customer = await authorizedCustomer(ctx, Number(ctx.params.id), 'customers.write')
    const input = await ctx.request.validateUsing(contactsValidator)
    await respond(ctx, 200, (uow) => this.sendNow.replaceContacts(uow, customer.id, input))
  }
}
