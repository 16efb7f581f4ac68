import { webhookJobs } from '#modules/webhooks/webhook_jobs'
import type { JobModule } from '#modules/worker/background_job'

/** Webhook deliveries that are due, polled every second (start/jobs.ts). */
export default function webhookJobsModule(): JobModule {
  return { name: 'webhooks', jobs: [], polling: webhookJobs() }
}
