import {
  WebhookDeliverer,
  type DelivererOptions,
} from '#modules/webhooks/services/webhook_deliverer'
import type { PollingJob } from '#modules/worker/public'

/** The webhook worker job: every second, deliver what is due (retries included). */
export function webhookJobs(options: DelivererOptions = {}): PollingJob[] {
  const deliverer = new WebhookDeliverer(options)
  return [{ name: 'webhooks-deliver', everyMs: 1000, handler: () => deliverer.deliverDue() }]
}
