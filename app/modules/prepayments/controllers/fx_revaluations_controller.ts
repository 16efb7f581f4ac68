import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import { authorize } from '#modules/identity/public'
import { FxRevaluationService } from '#modules/prepayments/services/fx_revaluation'
import { closePeriodValidator } from '#modules/prepayments/validators/posting_validators'
import { executeCommand } from '#kernel/api_command'

/** 期末汇兑重估: a period's revaluation of open foreign-currency advances. */
@inject()
export default class FxRevaluationsController {
  constructor(private revaluations: FxRevaluationService) {}

  /** GET /api/v1/periods/:period/revaluation */
  async show(ctx: HttpContext) {
    await authorize(ctx, 'ledger.read')
    const { period } = await closePeriodValidator.validate({ period: ctx.params.period })
    return this.revaluations.show(db.connection(), period)
  }

  /** POST /api/v1/periods/:period/revaluation: 201 posted, 200 the period's earlier run */
  async store(ctx: HttpContext) {
    await authorize(ctx, 'fx.revalue')
    const { period } = await closePeriodValidator.validate({ period: ctx.params.period })
    await executeCommand(ctx, (uow) => this.revaluations.revalue(uow, period))
  }
}
