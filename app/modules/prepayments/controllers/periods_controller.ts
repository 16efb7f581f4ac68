import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import { authorize } from '#modules/identity/public'
import { PeriodService } from '#modules/prepayments/services/period_service'
import { closePeriodValidator } from '#modules/prepayments/validators/posting_validators'
import { respond } from '#kernel/api_command'

@inject()
export default class PeriodsController {
  constructor(private periods: PeriodService) {}

  async index(ctx: HttpContext) {
    await authorize(ctx, 'periods.read')
    return { data: await this.periods.list(db.connection()) }
  }

  /** POST /api/v1/periods/:period/close */
  async close(ctx: HttpContext) {
    await authorize(ctx, 'periods.close')
    const { period } = await closePeriodValidator.validate({ period: ctx.params.period })
    await respond(ctx, 200, (uow) => this.periods.close(uow, period))
  }
}
