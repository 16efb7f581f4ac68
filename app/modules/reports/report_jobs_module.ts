import { hostname } from 'node:os'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import { closeSharedRenderer } from '#reports/renderer'
import { DeliveryService } from '#modules/reports/services/delivery_service'
import { QUEUES, RUN_JOB, enqueueRun } from '#modules/reports/services/report_jobs'
import { RunService } from '#modules/reports/services/run_service'
import { ReminderService } from '#modules/reports/confirmations/reminder_service'
import { runNextExport } from '#modules/reports/exports/report_export_runner'
import { expireExports } from '#modules/reports/exports/report_export_retention'
import type { JobModule, WorkerSettings } from '#modules/worker/public'

/**
 * Report work for the background worker: pg-boss fires `reports-tick` once a minute (one tick per
 * minute across all workers); the tick creates due runs and re-queues unfinished ones.
 * `reports-run` jobs drain a run's deliveries; delivery rows (not pg-boss) make sending exactly
 * once, and a failed render or send leaves its delivery `failed` for a later retry.
 */
export default function reportJobs(settings: WorkerSettings): JobModule {
  const options =
    settings.claimTimeoutSeconds !== undefined
      ? { claimTimeoutSeconds: settings.claimTimeoutSeconds }
      : {}
  return {
    name: 'reports',
    jobs: [
      {
        queue: QUEUES.tick,
        cron: '* * * * *',
        timezone: 'UTC',
        work: { pollingIntervalSeconds: 5 },
        async handle(_jobs, { boss }) {
          const runs = new RunService()
          for (const run of await runs.fireDue()) await enqueueRun(boss, run.id)
          for (const runId of await runs.unfinishedRunIds()) {
            await boss.send(
              QUEUES.run,
              { runId },
              { ...RUN_JOB, singletonKey: `run-${runId}`, singletonSeconds: 60 }
            )
          }
        },
      },
      {
        queue: QUEUES.run,
        work: { batchSize: 1, pollingIntervalSeconds: 2 },
        async handle([job], { workerId }) {
          const deliveries = await app.container.make(DeliveryService)
          const { runId } = job.data as { runId: number }
          const sent = await deliveries.drainRun(runId, workerId, options)
          logger.info({ runId, sent, worker: workerId }, 'report run drained')
        },
      },
    ],
    // statements unanswered after STATEMENT_REMINDER_DAYS: one reminder each (rows claimed SKIP LOCKED)
    polling: [
      {
        // report exports requested over the API: built one after another while any waits
        name: 'report-exports',
        everyMs: Number(process.env.REPORT_EXPORTS_POLL_MS ?? 2000),
        async handler() {
          const workerId = `${hostname()}:${process.pid}:exports`
          while ((await runNextExport(workerId)) !== null);
        },
      },
      {
        // finished export files past REPORT_EXPORT_RETENTION_DAYS: their bytes go, the rows stay
        name: 'report-export-retention',
        everyMs: 3_600_000,
        handler: () => expireExports(),
      },
      {
        name: 'statement-reminders',
        everyMs: 5 * 60_000,
        async handler() {
          const reminded = await new ReminderService().remindDue()
          if (reminded) logger.info({ reminded }, 'statement reminders sent')
        },
      },
    ],
    stop: closeSharedRenderer,
  }
}
