/*
| The webhooks module's public surface: what other modules, the workflows layer and the panel may
| import from it (bin/module_graph.mjs --check refuses an import that reaches past this file).
| Everything not named here is the module's own business.
*/

export { webhookSchemas } from '#modules/webhooks/services/webhook_schemas'
export { WebhookService } from '#modules/webhooks/services/webhook_service'
export {
  createWebhookValidator,
  listDeliveriesValidator,
  updateWebhookValidator,
} from '#modules/webhooks/validators/webhook_validators'
export { webhookJobs } from '#modules/webhooks/webhook_jobs'
