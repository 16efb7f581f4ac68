import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import type PgBoss from 'pg-boss'
import { startJobQueue } from '#modules/shared/job_queue'
import {
  DeliveryService,
  newWorkerId,
  type WorkerOptions,
} from '#modules/reports/services/delivery_service'
import { RunService } from '#modules/reports/services/run_service'

export const QUEUES = { tick: 'reports-tick', run: 'reports-run' } as const

/** Jobs sent per new run, so that up to this many workers share its deliveries. */
const RUN_FAN_OUT = Number(process.env.REPORTS_RUN_FAN_OUT ?? 4)

export function startBoss(): Promise<PgBoss> {
  return startJobQueue(Object.values(QUEUES))
}

/** Hands a run to the workers (several jobs: each worker that takes one drains the same run). */
export async function enqueueRun(boss: PgBoss, runId: number, copies = RUN_FAN_OUT) {
  for (let i = 0; i < copies; i++) await boss.send(QUEUES.run, { runId }, { retryLimit: 3 })
}

/**
 * A report worker: pg-boss fires `reports-tick` once a minute (the cron lives in the database, so
 * one tick per minute across all workers); the tick creates due runs and re-queues unfinished ones.
 * `reports-run` jobs drain a run's deliveries. Delivery rows (not pg-boss) make sending exactly once.
 */
export class ReportWorker {
  private boss?: PgBoss
  readonly workerId = newWorkerId()

  constructor(private options: WorkerOptions = {}) {}

  async start() {
    const boss = await startBoss()
    this.boss = boss
    await boss.schedule(QUEUES.tick, '* * * * *', {}, { tz: 'UTC' })
    const runs = new RunService()
    const deliveries = await app.container.make(DeliveryService)
    await boss.work(QUEUES.tick, { pollingIntervalSeconds: 5 }, async () => {
      for (const run of await runs.fireDue()) await enqueueRun(boss, run.id)
      for (const runId of await runs.unfinishedRunIds())
        await boss.send(
          QUEUES.run,
          { runId },
          { singletonKey: `run-${runId}`, singletonSeconds: 60 }
        )
    })
    await boss.work<{ runId: number }>(
      QUEUES.run,
      { batchSize: 1, pollingIntervalSeconds: 2 },
      async ([job]) => {
        const sent = await deliveries.drainRun(job.data.runId, this.workerId, this.options)
        logger.info({ runId: job.data.runId, sent, worker: this.workerId }, 'report run drained')
      }
    )
    logger.info({ worker: this.workerId }, 'report worker started')
  }

  async stop() {
    await this.boss?.stop({ graceful: true, timeout: 30_000, wait: true })
  }
}
