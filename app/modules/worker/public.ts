/*
| The worker module's public surface: what other modules, the workflows layer and the panel may
| import from it (bin/module_graph.mjs --check refuses an import that reaches past this file).
| Everything not named here is the module's own business.
*/

export type { JobModule, WorkerSettings } from '#modules/worker/background_job'
export { startPollingJobs } from '#modules/worker/polling_jobs'
export type { PollingJob } from '#modules/worker/polling_jobs'
export { runWorkerCommand } from '#modules/worker/run_worker'
