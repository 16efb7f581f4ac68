import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
import type { OutboxReaction } from '#modules/outbox/public'

/**
 * Turns dispatched events into deliveries: one per event × active subscription that wants its type,
 * in the events' order (delivery ids keep it, and the deliverer keeps a customer's deliveries in id
 * order). One statement per pass, also when nobody subscribes; a pass run twice adds nothing.
 */
export const webhookFanOut: OutboxReaction = {
  name: 'webhook-fan-out',
  types: '*',
  async handle(events, trx) {
    await trx.rawQuery(
      `INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, ordering_key)
       SELECT s.id, e.id, e.type, e.ordering_key
         FROM unnest(?::uuid[], ?::text[], ?::text[], ?::bigint[]) AS e(id, type, ordering_key, seq)
         JOIN webhook_subscriptions s ON s.active AND (e.type = ANY (s.events) OR '*' = ANY (s.events))
        ORDER BY e.seq, s.id
       ON CONFLICT (subscription_id, event_id) DO NOTHING`,
      [
        events.map((event) => event.id),
        events.map((event) => event.type),
        events.map((event) => event.orderingKey),
        events.map((event) => event.seq),
      ] as RawQueryBindings
    )
  },
}
