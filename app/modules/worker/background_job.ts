import type PgBoss from 'pg-boss'
import type { PollingJob } from '#modules/worker/polling_jobs'

/** What a module's background work may be tuned with (flags of `node ace worker`). */
export interface WorkerSettings {
  /** seconds after which another worker may take over a report delivery's claim */
  claimTimeoutSeconds?: number
}

/**
 * One kind of background work: a pg-boss queue and its handler. With `cron`, pg-boss fires it on
 * that schedule (the schedule lives in the database: once per instant across every worker, in
 * `timezone`, the company's by default). pg-boss retries a job whose handler throws.
 */
export interface BackgroundJob<T extends object = any> {
  queue: string
  cron?: string
  timezone?: string
  work?: PgBoss.WorkOptions
  handle(jobs: PgBoss.Job<T>[], context: JobContext): Promise<void>
}

export interface JobContext {
  boss: PgBoss
  /** this worker process (host:pid:random), e.g. for claims that must name their owner */
  workerId: string
}

/** A module's background work, registered in start/jobs.ts. */
export interface JobModule {
  /** `node ace worker --only NAME` runs just this module's jobs */
  name: string
  jobs: BackgroundJob[]
  /** work polled every few seconds rather than queued (the outbox: rows claimed with SKIP LOCKED) */
  polling?: PollingJob[]
  /** releases what the jobs hold in this process (a browser…) once the worker has stopped */
  stop?(): Promise<void>
}
