import type { JsonSchema } from '#kernel/json_schema'
import { arrayOf, dataList, nullable, nullableProps, props, ref, shape } from '#kernel/json_schema'

/** The wire shapes of webhook_views.ts (API document components). */
const subscription = {
  id: ref('Id'),
  url: { type: 'string', format: 'uri' },
  ...nullableProps('string', 'description'),
  events: arrayOf({ type: 'string' }),
  ...props('boolean', 'active'),
  ...props('string', 'secretHint'),
  createdBy: nullable(ref('Id')),
  createdAt: ref('Instant'),
  updatedAt: ref('Instant'),
}
const delivery = {
  id: ref('Id'),
  subscriptionId: ref('Id'),
  eventId: { type: 'string', format: 'uuid' },
  ...props('string', 'eventType'),
  status: { enum: ['pending', 'delivered', 'dead'] },
  attempts: { type: 'integer', minimum: 0 },
  nextAttemptAt: nullable(ref('Instant')),
  retryUntil: ref('Instant'),
  ...nullableProps('string', 'orderingKey lastError'),
  ...nullableProps('integer', 'lastStatusCode lastDurationMs'),
  deliveredAt: nullable(ref('Instant')),
  createdAt: ref('Instant'),
}

export const webhookSchemas: Record<string, JsonSchema> = {
  WebhookSubscription: shape(subscription),
  WebhookSubscriptionWithSecret: shape({
    ...subscription,
    secret: { type: 'string', pattern: '^whsec_' },
  }),
  WebhookSubscriptionList: dataList(ref('WebhookSubscription')),
  WebhookDelivery: shape(delivery),
  WebhookDeliveryList: dataList(ref('WebhookDelivery')),
  WebhookDeliveryWithAttempts: shape({
    ...delivery,
    attemptLog: arrayOf(
      shape({
        id: ref('Id'),
        attemptedAt: ref('Instant'),
        ...props('integer', 'durationMs'),
        ...nullableProps('integer', 'statusCode'),
        ...nullableProps('string', 'error responseExcerpt'),
      })
    ),
  }),
}
