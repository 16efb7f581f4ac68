import { args } from '@adonisjs/core/ace'
import { ActingCommand } from '#modules/identity/public'

/** `node ace fx:revalue PERIOD [--as EMAIL]`: the month-end revaluation from the shell. */
export default class FxRevalue extends ActingCommand {
  static commandName = 'fx:revalue'
  static description =
    '期末汇兑重估: revalue open foreign-currency advances of a period (YYYY-MM) at its last day’s rate'

  @args.string({ description: 'the period, YYYY-MM' })
  declare period: string

  async run() {
    const { runInTransaction } = await import('#kernel/unit_of_work')
    const { FxRevaluationService } = await import('#modules/prepayments/services/fx_revaluation')
    const { closePeriodValidator } =
      await import('#modules/prepayments/validators/posting_validators')
    const input = await this.validated(
      closePeriodValidator,
      { period: this.period },
      { period: 'PERIOD' }
    )
    if (!input) return
    const actor = await this.actingActor('fx.revalue')
    if (!actor) return
    try {
      const { status, body } = await runInTransaction(actor, (uow) =>
        new FxRevaluationService().revalue(uow, input.period)
      )
      const verb = status === 201 ? 'revalued' : 'already revalued'
      this.logger.success(
        `${this.period} ${verb}: ${body.entries.length} account(s), gain ${body.total} ${body.baseCurrency}`
      )
    } catch (error) {
      this.fail((error as Error).message)
    }
  }
}
