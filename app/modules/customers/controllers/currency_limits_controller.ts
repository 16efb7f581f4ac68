import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import { authorizedCustomer } from '#modules/customers/services/customer_access'
import { CurrencyLimitService } from '#modules/customers/services/currency_limits'
import { currencyLimitValidator } from '#modules/customers/validators/currency_limit_validators'
import { CurrencyLimitUpdates } from '#workflows/currency_limit_updates'
import { executeCommand } from '#kernel/api_command'

/** Credit limit and low-balance line per currency (额度按币种). */
@inject()
export default class CurrencyLimitsController {
  constructor(
    private limits: CurrencyLimitService,
    private updates: CurrencyLimitUpdates
  ) {}

  /** GET /api/v1/customers/:id/limits */
  async index(ctx: HttpContext) {
    const customer = await authorizedCustomer(ctx, Number(ctx.params.id), 'customers.read')
    return { data: await this.limits.list(db.connection(), customer) }
  }

  /** PUT /api/v1/customers/:id/limits: 200 applied, 202 a credit-limit change awaiting approval */
  async update(ctx: HttpContext) {
    const customer = await authorizedCustomer(ctx, Number(ctx.params.id), 'customers.write')
    const input = await ctx.request.validateUsing(currencyLimitValidator)
    await executeCommand(ctx, (uow) => this.updates.submit(uow, customer.id, input))
  }
}
