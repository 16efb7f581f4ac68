import { systemActor } from '#kernel/actor'
import { runInTransaction } from '#kernel/unit_of_work'
import { requestFullRun, workNextRun } from '#modules/audit/services/verify_runs'
import type { JobModule } from '#modules/worker/public'

/**
 * The audit log's background work: a nightly full re-verification (03:15 company time), and the
 * runs anyone requested, claimed every few seconds by whichever worker is free.
 */
export default function auditJobsModule(): JobModule {
  return {
    name: 'audit',
    jobs: [
      {
        queue: 'audit-verify-nightly',
        cron: '15 3 * * *',
        async handle() {
          await runInTransaction(systemActor('audit:verify-nightly'), (uow) => requestFullRun(uow))
        },
      },
    ],
    polling: [
      {
        name: 'audit-verify-runs',
        everyMs: 5000,
        handler: async () => {
          while (await workNextRun()) {}
        },
      },
    ],
  }
}
