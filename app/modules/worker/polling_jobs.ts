import logger from '@adonisjs/core/services/logger'

/**
 * A job a worker runs every `everyMs` (never two runs of one job at once in a process). Polling
 * suits work whose rows are claimed with FOR UPDATE SKIP LOCKED: any number of workers may run it.
 */
export interface PollingJob {
  name: string
  everyMs: number
  handler: () => Promise<unknown>
}

/** Starts the jobs; `stop()` ends the timers and waits for runs in progress. */
export function startPollingJobs(jobs: PollingJob[]) {
  const timers: NodeJS.Timeout[] = []
  const running = new Set<Promise<unknown>>()
  let stopped = false
  for (const job of jobs) {
    const tick = async () => {
      if (stopped) return
      const run = job.handler().catch((error) => logger.error({ err: error }, `${job.name} failed`))
      running.add(run)
      await run
      running.delete(run)
      if (!stopped) timers.push(setTimeout(tick, job.everyMs))
    }
    timers.push(setTimeout(tick, 0))
  }
  return {
    async stop() {
      stopped = true
      timers.forEach(clearTimeout)
      await Promise.allSettled([...running])
    },
  }
}
