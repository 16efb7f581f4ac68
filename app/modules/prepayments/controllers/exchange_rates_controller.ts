import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import { authorize, authorizedInput } from '#modules/identity/public'
import { toPlainDate } from '#kernel/company'
import { ExchangeRateService } from '#modules/prepayments/services/exchange_rate_service'
import { exchangeRateValidator } from '#modules/prepayments/validators/posting_validators'
import { respond } from '#kernel/api_command'

@inject()
export default class ExchangeRatesController {
  constructor(private rates: ExchangeRateService) {}

  async index(ctx: HttpContext) {
    await authorize(ctx, 'ledger.read')
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
    const input = await authorizedInput(ctx, 'exchange_rates.write', exchangeRateValidator)
    await respond(ctx, 201, (uow) =>
      this.rates.record(uow, input.currency, toPlainDate(input.rateDate), input.rate)
    )
  }
}
