import { dataList, nullable, ref, shape, types, type JsonSchema } from '#kernel/json_schema'

/** The wire shapes of webhook_views.ts (API document components). */
const subscription = {
  id: ref('Id'),
  url: { type: 'string', format: 'uri' },
  description: types.stringOrNull,
  events: { type: 'array', items: types.string },
  active: types.boolean,
  secretHint: types.string,
  createdBy: nullable(ref('Id')),
  createdAt: ref('Instant'),
  updatedAt: ref('Instant'),
}
const delivery = {
  id: ref('Id'),
  subscriptionId: ref('Id'),
  eventId: { type: 'string', format: 'uuid' },
  eventType: types.string,
  orderingKey: types.stringOrNull,
  status: { enum: ['pending', 'delivered', 'dead'] },
  attempts: { type: 'integer', minimum: 0 },
  nextAttemptAt: nullable(ref('Instant')),
  retryUntil: ref('Instant'),
  lastStatusCode: types.integerOrNull,
  lastError: types.stringOrNull,
  lastDurationMs: types.integerOrNull,
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
        statusCode: types.integerOrNull,
        durationMs: types.integer,
        error: types.stringOrNull,
        responseExcerpt: types.stringOrNull,
      }),
    },
  }),
}
