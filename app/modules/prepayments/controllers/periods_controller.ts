import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import PermissionPolicy from '#modules/identity/policies/permission_policy'
import { PeriodService } from '#modules/prepayments/services/period_service'
import { closePeriodValidator } from '#modules/prepayments/validators/posting_validators'
import { executeCommand } from '#kernel/api_command'

@inject()
export default class PeriodsController {
  constructor(private periods: PeriodService) {}

  async index(ctx: HttpContext) {
    await ctx.bouncer.with(PermissionPolicy).authorize('allows', 'periods.read')
    return { data: await this.periods.list(db.connection()) }
  }

  /** POST /api/v1/periods/:period/close */
  async close(ctx: HttpContext) {
    await ctx.bouncer.with(PermissionPolicy).authorize('allows', 'periods.close')
    const { period } = await closePeriodValidator.validate({ period: ctx.params.period })
    await executeCommand(ctx, async (uow) => ({
      status: 200,
      body: await this.periods.close(uow, period),
    }))
  }
}
