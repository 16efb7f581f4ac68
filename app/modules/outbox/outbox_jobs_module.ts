import { outboxJobs } from '#modules/outbox/outbox_jobs'
import type { JobModule } from '#modules/worker/background_job'

/**
 * The outbox's background work (start/jobs.ts): dispatch committed events (the alert checks after
 * postings, the webhook fan-out), polled every second. Webhook deliveries are the webhooks' own
 * job module.
 */
export default function outboxJobsModule(): JobModule {
  return { name: 'outbox', jobs: [], polling: [...outboxJobs] }
}
