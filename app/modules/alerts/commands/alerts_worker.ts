import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * The scheduler process: registers the alert cron schedules in pg-boss and works their jobs until
 * stopped. Run one or more (`node ace alerts:worker`); pg-boss hands each scheduled job to one of them.
 */
export default class AlertsWorker extends BaseCommand {
  static commandName = 'alerts:worker'
  static description =
    'Run the pg-boss worker: scheduled alert evaluation, the daily digest, approval expiry, the outbox and webhooks'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  async run() {
    const { startJobQueue } = await import('#modules/shared/job_queue')
    const { company, companyToday } = await import('#modules/prepayments/company')
    const { registerAlertSchedules, workAlertJobs } = await import('#modules/alerts/alert_schedule')
    const { AlertEvaluator } = await import('#modules/alerts/services/alert_evaluator')
    const { AlertNotifier } = await import('#modules/alerts/services/alert_notifier')
    const { ApprovalService } = await import('#modules/approvals/services/approval_service')
    const { runInTransaction } = await import('#modules/shared/unit_of_work')
    const { systemActor } = await import('#modules/shared/actor')
    const { startPollingJobs } = await import('#modules/outbox/polling_jobs')
    const { outboxJobs } = await import('#modules/outbox/outbox_jobs')
    const { webhookJobs } = await import('#modules/webhooks/webhook_jobs')

    const boss = await startJobQueue([])
    await registerAlertSchedules(boss, company.timezone)
    await workAlertJobs(boss, async (name) => {
      const asOf = companyToday()
      if (name === 'alerts-evaluate') {
        const evaluator = await this.app.container.make(AlertEvaluator)
        const opened = await evaluator.evaluateAll({ asOf, notify: true })
        this.logger.info(`alerts evaluated as of ${asOf}: ${opened.length} new`)
      } else if (name === 'alerts-digest') {
        const notifier = await this.app.container.make(AlertNotifier)
        this.logger.info(`alert digest ${asOf}: ${await notifier.sendDigest(asOf)} mails`)
      } else {
        const approvals = await this.app.container.make(ApprovalService)
        const expired = await runInTransaction(systemActor('approvals:expire'), (uow) =>
          approvals.expireDue(uow)
        )
        this.logger.info(`approval requests expired: ${expired}`)
      }
    })
    // The outbox (alert checks after postings, webhooks): polled here until the worker registry takes it.
    const outbox = startPollingJobs([...outboxJobs, ...webhookJobs()])
    this.logger.success(`alerts worker running (schedules in ${company.timezone}); Ctrl-C to stop`)
    this.app.terminating(async () => {
      await outbox.stop()
      await boss.stop({ graceful: true, wait: true })
    })
  }
}
