// What other modules may use of worker (docs/structure.md, "Public surfaces").

export type { JobModule, WorkerSettings } from '#modules/worker/background_job'
export { startPollingJobs } from '#modules/worker/polling_jobs'
export type { PollingJob } from '#modules/worker/polling_jobs'
export { runWorkerCommand } from '#modules/worker/run_worker'
