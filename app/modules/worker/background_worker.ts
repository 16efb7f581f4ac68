import { hostname } from 'node:os'
import { randomUUID } from 'node:crypto'
import logger from '@adonisjs/core/services/logger'
import type PgBoss from 'pg-boss'
import { company } from '#kernel/company'
import { retryOnDeadlock, startJobQueue } from '#kernel/job_queue'
import { jobModules } from '#start/jobs'
import type { BackgroundJob, JobModule, WorkerSettings } from '#modules/worker/background_job'
import { startPollingJobs } from '#modules/worker/polling_jobs'

export interface BackgroundWorkerOptions extends WorkerSettings {
  /** module names to run (default: all of start/jobs.ts) */
  only?: string[]
}

/** The registered job modules, optionally only some (an unknown name is an error, not a no-op). */
export async function loadJobModules(options: BackgroundWorkerOptions = {}): Promise<JobModule[]> {
  const loaded = await Promise.all(jobModules.map((load) => load()))
  const modules = loaded.map((module) => module.default(options))
  if (!options.only) return modules
  const unknown = options.only.filter((name) => !modules.some((m) => m.name === name))
  if (unknown.length) {
    throw new Error(
      `unknown job module ${unknown.join(', ')} (known: ${modules.map((m) => m.name).join(', ')})`
    )
  }
  return modules.filter((m) => options.only!.includes(m.name))
}

/** Creates the jobs' cron schedules in pg-boss (idempotent: every worker does it on start). */
export async function registerSchedules(boss: PgBoss, jobs: BackgroundJob[]) {
  for (const job of jobs) {
    if (job.cron) {
      const schedule = () =>
        boss.schedule(job.queue, job.cron!, {}, { tz: job.timezone ?? company.timezone })
      await retryOnDeadlock(schedule)
    }
  }
}

/**
 * One process running every registered background job through pg-boss. Run as many as you like
 * (`node ace worker`, or in-process with `npm start`): pg-boss hands each job to one of them, and
 * work that must happen exactly once (report deliveries) claims its own rows.
 */
export class BackgroundWorker {
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  private boss?: PgBoss
  private modules: JobModule[] = []
  private polling?: ReturnType<typeof startPollingJobs>

  constructor(private options: BackgroundWorkerOptions = {}) {}

  /** the module names this worker runs (once started) */
  get moduleNames(): string[] {
    return this.modules.map((m) => m.name)
  }

  async start() {
    this.modules = await loadJobModules(this.options)
    const jobs = this.modules.flatMap((m) => m.jobs)
    const boss = await startJobQueue(jobs.map((job) => job.queue))
    this.boss = boss
    await registerSchedules(boss, jobs)
    const context = { boss, workerId: this.workerId }
    for (const job of jobs) {
      await boss.work(job.queue, job.work ?? {}, async (batch: PgBoss.Job<object>[]) => {
        try {
          await job.handle(batch, context)
        } catch (error) {
          // pg-boss retries it; one line here says which job and why
          logger.error({ err: error, queue: job.queue }, `job ${job.queue} failed`)
          throw error
        }
      })
    }
    this.polling = startPollingJobs(this.modules.flatMap((m) => m.polling ?? []))
    logger.info({ worker: this.workerId, modules: this.moduleNames }, 'background worker started')
  }

  async stop() {
    await this.polling?.stop()
    this.polling = undefined
    await this.boss?.stop({ graceful: true, timeout: 30_000, wait: true })
    this.boss = undefined
    for (const module of this.modules) await module.stop?.()
  }
}
