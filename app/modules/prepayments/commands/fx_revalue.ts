import { args, flags } from '@adonisjs/core/ace'
import { AppCommand } from '#kernel/cli_command'

/** `node ace fx:revalue PERIOD [--as EMAIL]`: the month-end revaluation from the shell. */
export default class FxRevalue extends AppCommand {
  static commandName = 'fx:revalue'
  static description =
    '期末汇兑重估: revalue open foreign-currency advances of a period (YYYY-MM) at its last day’s rate'

  @args.string({ description: 'the period, YYYY-MM' })
  declare period: string

  @flags.string({ description: 'the user it runs as (default: the first finance_manager)' })
  declare as: string

  async run() {
    const { commandUser } = await import('#modules/identity/services/command_user')
    const { systemActor } = await import('#kernel/actor')
    const { runInTransaction } = await import('#kernel/unit_of_work')
    const { FxRevaluationService } = await import('#modules/prepayments/services/fx_revaluation')
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(this.period)) return this.fail('PERIOD must be YYYY-MM')
    const user = await commandUser(this.as)
    if (!user) return this.fail('no such user (use --as EMAIL)')
    const actor = systemActor('fx:revalue', user)
    try {
      const { status, body } = await runInTransaction(actor, (uow) =>
        new FxRevaluationService().revalue(uow, this.period)
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
