import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** Services are imported inside run(): listing commands must not load the application. */
export default class ApprovalsExpire extends BaseCommand {
  static commandName = 'approvals:expire'
  static description =
    'Expire pending approval requests past their deadline and release their reservations'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { ApprovalService } = await import('#modules/approvals/services/approval_service')
    const { runInTransaction } = await import('#kernel/unit_of_work')
    const { systemActor } = await import('#kernel/actor')
    const service = await this.app.container.make(ApprovalService)
    const expired = await runInTransaction(systemActor('approvals:expire'), (uow) =>
      service.expireDue(uow)
    )
    this.logger.success(`${expired} approval request(s) expired`)
  }
}
