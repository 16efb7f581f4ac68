// What other modules may use of webhooks (docs/structure.md, "Public surfaces").

export { webhookSchemas } from '#modules/webhooks/services/webhook_schemas'
export { WebhookService } from '#modules/webhooks/services/webhook_service'
export {
  createWebhookValidator,
  listDeliveriesValidator,
  updateWebhookValidator,
} from '#modules/webhooks/validators/webhook_validators'
export { webhookJobs } from '#modules/webhooks/webhook_jobs'
