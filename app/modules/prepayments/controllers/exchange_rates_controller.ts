import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import PermissionPolicy from '#modules/identity/policies/permission_policy'
import { toPlainDate } from '#kernel/company'
import { ExchangeRateService } from '#modules/prepayments/services/exchange_rate_service'
import { exchangeRateValidator } from '#modules/prepayments/validators/posting_validators'
import { executeCommand } from '#kernel/api_command'

@inject()
export default class ExchangeRatesController {
  constructor(private rates: ExchangeRateService) {}

  async index(ctx: HttpContext) {
    await ctx.bouncer.with(PermissionPolicy).authorize('allows', 'ledger.read')
    const rows = await db
      .from('exchange_rates')
      .orderBy('rate_date', 'desc')
      .orderBy('currency')
      .limit(500)
    return {
      data: rows.map((r) => ({ currency: r.currency, rateDate: r.rate_date, rate: r.rate })),
    }
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with(PermissionPolicy).authorize('allows', 'exchange_rates.write')
    const input = await ctx.request.validateUsing(exchangeRateValidator)
    await executeCommand(ctx, async (uow) => ({
      status: 201,
      body: await this.rates.record(uow, input.currency, toPlainDate(input.rateDate), input.rate),
    }))
  }
}
