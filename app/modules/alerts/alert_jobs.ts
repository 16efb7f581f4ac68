import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import { companyToday } from '#kernel/company'
import { ALERT_SCHEDULES, type AlertJobName } from '#modules/alerts/alert_schedule'
import { AlertEvaluator } from '#modules/alerts/services/alert_evaluator'
import { AlertNotifier } from '#modules/alerts/services/alert_notifier'
import { ApprovalService } from '#modules/approvals/public'
import { runInTransaction } from '#kernel/unit_of_work'
import { systemActor } from '#kernel/actor'
import type { JobModule } from '#modules/worker/public'

/** Each scheduled job's work, as of the company's today. */
const HANDLERS: Record<AlertJobName, () => Promise<void>> = {
  'alerts-evaluate': async () => {
    const asOf = companyToday()
    const evaluator = await app.container.make(AlertEvaluator)
    const opened = await evaluator.evaluateAll({ asOf, notify: true })
    logger.info(`alerts evaluated as of ${asOf}: ${opened.length} new`)
  },
  'alerts-digest': async () => {
    const asOf = companyToday()
    const notifier = await app.container.make(AlertNotifier)
    logger.info(`alert digest ${asOf}: ${await notifier.sendDigest(asOf)} mails`)
  },
  'approvals-expire': async () => {
    const approvals = await app.container.make(ApprovalService)
    const expired = await runInTransaction(systemActor('approvals:expire'), (uow) =>
      approvals.expireDue(uow)
    )
    logger.info(`approval requests expired: ${expired}`)
  },
}

/** The time-based alert rules, the daily digest and approval expiry, on their crons (company time zone). */
export default function alertJobs(): JobModule {
  return {
    name: 'alerts',
    jobs: ALERT_SCHEDULES.map(({ name, cron }) => ({
      queue: name,
      cron,
      handle: () => HANDLERS[name](),
    })),
  }
}
