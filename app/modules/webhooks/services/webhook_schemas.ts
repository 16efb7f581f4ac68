import { dataList, nullable, ref, shape, type JsonSchema } from '#kernel/json_schema'

/** The wire shapes of webhook_views.ts (API document components). */
const subscription = {
  id: ref('Id'),
  url: { type: 'string', format: 'uri' },
  description: { type: ['string', 'null'] },
  events: { type: 'array', items: { type: 'string' } },
  active: { type: 'boolean' },
  secretHint: { type: 'string' },
  createdBy: nullable(ref('Id')),
  createdAt: ref('Instant'),
  updatedAt: ref('Instant'),
}
const delivery = {
  id: ref('Id'),
  subscriptionId: ref('Id'),
  eventId: { type: 'string', format: 'uuid' },
  eventType: { type: 'string' },
  orderingKey: { type: ['string', 'null'] },
  status: { enum: ['pending', 'delivered', 'dead'] },
  attempts: { type: 'integer', minimum: 0 },
  nextAttemptAt: nullable(ref('Instant')),
  retryUntil: ref('Instant'),
  lastStatusCode: { type: ['integer', 'null'] },
  lastError: { type: ['string', 'null'] },
  lastDurationMs: { type: ['integer', 'null'] },
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
    attemptLog: {
      type: 'array',
      items: shape({
        id: ref('Id'),
        attemptedAt: ref('Instant'),
        statusCode: { type: ['integer', 'null'] },
        durationMs: { type: 'integer' },
        error: { type: ['string', 'null'] },
        responseExcerpt: { type: ['string', 'null'] },
      }),
    },
  }),
}
