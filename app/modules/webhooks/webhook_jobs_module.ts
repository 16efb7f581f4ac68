import { webhookJobs } from '#modules/webhooks/webhook_jobs'
import type { JobModule } from '#modules/worker/public'

/** Webhook deliveries that are due, polled every second (start/jobs.ts). */
export default function webhookJobsModule(): JobModule {
  return { name: 'webhooks', jobs: [], polling: webhookJobs() }
}
