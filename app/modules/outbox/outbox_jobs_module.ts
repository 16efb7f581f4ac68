import { outboxJobs } from '#modules/outbox/outbox_jobs'
import type { JobModule } from '#modules/worker/public'

/**
 * The outbox's background work (start/jobs.ts): dispatch committed events (the alert checks after
 * postings, the webhook fan-out), polled every second; and, hourly, purge finished events and
 * delivery logs past the retention window. Webhook deliveries are the webhooks' own job module.
 */
export default function outboxJobsModule(): JobModule {
  return { name: 'outbox', jobs: [], polling: [...outboxJobs] }
}
