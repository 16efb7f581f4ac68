import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** `node ace fx:revalue PERIOD [--as EMAIL]`: the month-end revaluation from the shell. */
export default class FxRevalue extends BaseCommand {
  static commandName = 'fx:revalue'
  static description =
    '期末汇兑重估: revalue open foreign-currency advances of a period (YYYY-MM) at its last day’s rate'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'the period, YYYY-MM' })
  declare period: string

  @flags.string({ description: 'the user it runs as (default: the first finance_manager)' })
  declare as: string

  async run() {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { systemActor } = await import('#kernel/actor')
    const { runInTransaction } = await import('#kernel/unit_of_work')
    const { FxRevaluationService } = await import('#modules/prepayments/services/fx_revaluation')
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(this.period)) {
      this.logger.error('PERIOD must be YYYY-MM')
      this.exitCode = 1
      return
    }
    const user = this.as
      ? await db.from('users').where('email', this.as).first()
      : await db.from('users').where('role', 'finance_manager').orderBy('id').first()
    if (!user) {
      this.logger.error('no such user (use --as EMAIL)')
      this.exitCode = 1
      return
    }
    const actor = systemActor('fx:revalue', { id: Number(user.id), role: user.role })
    try {
      const { status, body } = await runInTransaction(actor, (uow) =>
        new FxRevaluationService().revalue(uow, this.period)
      )
      const verb = status === 201 ? 'revalued' : 'already revalued'
      this.logger.success(
        `${this.period} ${verb}: ${body.entries.length} account(s), gain ${body.total} ${body.baseCurrency}`
      )
    } catch (error) {
      this.logger.error((error as Error).message)
      this.exitCode = 1
    }
  }
}
