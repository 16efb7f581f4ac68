import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { authorizedInput, authorizedList } from '#modules/identity/public'
import { toPlainDate } from '#kernel/company'
import { ExchangeRateService } from '#modules/prepayments/services/exchange_rate_service'
import {
  exchangeRatesQueryValidator,
  exchangeRateValidator,
} from '#modules/prepayments/validators/posting_validators'
import { respond } from '#kernel/api_command'

@inject()
export default class ExchangeRatesController {
  constructor(private rates: ExchangeRateService) {}

  /** GET /api/v1/exchange-rates?currency&from&to&limit (default 500) */
  async index(ctx: HttpContext) {
    return authorizedList(
      ctx,
      'ledger.read',
      exchangeRatesQueryValidator,
      (filters) =>
        this.rates.list({
          ...filters,
          from: filters.from ? toPlainDate(filters.from) : undefined,
          to: filters.to ? toPlainDate(filters.to) : undefined,
        }),
      500
    )
  }

  async store(ctx: HttpContext) {
    const input = await authorizedInput(ctx, 'exchange_rates.write', exchangeRateValidator)
    await respond(ctx, 201, (uow) =>
      this.rates.record(uow, input.currency, toPlainDate(input.rateDate), input.rate)
    )
  }
}
