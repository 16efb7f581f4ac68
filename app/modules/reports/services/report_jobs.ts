import type PgBoss from 'pg-boss'
import { startJobQueue } from '#kernel/job_queue'

export const QUEUES = { tick: 'reports-tick', run: 'reports-run' } as const

/** Jobs sent per new run, so that up to this many workers share its deliveries. */
const RUN_FAN_OUT = Number(process.env.REPORTS_RUN_FAN_OUT ?? 4)

export function startBoss(): Promise<PgBoss> {
  return startJobQueue(Object.values(QUEUES))
}

/**
 * How long a worker may hold a run's job. pg-boss fails a job after 15 minutes by default while its
 * handler carries on; a month-end run of 10,000 statements drains for longer than that, and the
 * failed job's retry would start a second drain in the same worker. Delivery rows, not the job,
 * decide who sends what, so a long expiry is safe; a dead worker's run is re-queued by the tick.
 */
export const RUN_JOB = { retryLimit: 3, expireInHours: 4 } as const

/** Hands a run to the workers (several jobs: each worker that takes one drains the same run). */
export async function enqueueRun(boss: PgBoss, runId: number, copies = RUN_FAN_OUT) {
  for (let i = 0; i < copies; i++) await boss.send(QUEUES.run, { runId }, RUN_JOB)
}
