import { outboxJobs } from '#modules/outbox/outbox_jobs'
import { webhookJobs } from '#modules/webhooks/webhook_jobs'
import type { JobModule } from '#modules/worker/background_job'

/**
 * The outbox's background work (start/jobs.ts): dispatch committed events (the alert checks after
 * postings, the webhook fan-out) and deliver webhooks that are due, polled every second; and,
 * hourly, purge finished events and delivery logs past the retention window.
 */
export default function outboxJobsModule(): JobModule {
  return { name: 'outbox', jobs: [], polling: [...outboxJobs, ...webhookJobs()] }
}
