import { AppCommand } from '#kernel/cli_command'

export default class ApprovalsExpire extends AppCommand {
  static commandName = 'approvals:expire'
  static description =
    'Expire pending approval requests past their deadline and release their reservations'

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
