import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { InvalidInput } from '#exceptions/api_errors'
import PermissionPolicy from '#modules/identity/policies/permission_policy'
import { toPlainDate } from '#modules/prepayments/company'
import { ReconciliationService } from '#modules/banking/services/reconciliation_service'
import { reconciliationQueryValidator } from '#modules/banking/validators/banking_validators'

/** GET /api/v1/reconciliation?bankAccountId&from&to */
@inject()
export default class ReconciliationController {
  constructor(private reconciliation: ReconciliationService) {}

  async show(ctx: HttpContext) {
    await ctx.bouncer.with(PermissionPolicy).authorize('allows', 'bank.read')
    const query = await ctx.request.validateUsing(reconciliationQueryValidator, {
      data: ctx.request.qs(),
    })
    const from = toPlainDate(query.from)
    const to = toPlainDate(query.to)
    if (from > to) throw new InvalidInput('to', 'afterOrEqual', 'to must not be before from')
    return this.reconciliation.report(query.bankAccountId, from, to)
  }
}
