import type PgBoss from 'pg-boss'
import { startJobQueue } from '#kernel/job_queue'

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
