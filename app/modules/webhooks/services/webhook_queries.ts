import db from '@adonisjs/lucid/services/db'
import { NotFound } from '#kernel/errors'
import {
  attemptView,
  deliveryView,
  subscriptionView,
} from '#modules/webhooks/services/webhook_views'

/** The read side of webhooks: subscriptions, their deliveries, a delivery's attempts. */
export async function listSubscriptions() {
  const rows = await db.from('webhook_subscriptions').orderBy('id')
  return rows.map((row) => subscriptionView(row))
}

export async function findSubscription(id: number) {
  const row = await db.from('webhook_subscriptions').where('id', id).first()
  if (!row) throw new NotFound('webhook subscription')
  return subscriptionView(row, true)
}

/** Newest first, paged by id (`beforeId`). */
export async function listDeliveries(
  subscriptionId: number,
  filter: { status?: string; beforeId?: number; limit?: number }
) {
  await findSubscription(subscriptionId)
  const query = db
    .from('webhook_deliveries')
    .where('subscription_id', subscriptionId)
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 50)
  if (filter.status) query.where('status', filter.status)
  if (filter.beforeId) query.where('id', '<', filter.beforeId)
  const rows = await query
  return rows.map(deliveryView)
}

/** A delivery with every attempt (the delivery log), oldest attempt first. */
export async function findDelivery(id: number) {
  const row = await db.from('webhook_deliveries').where('id', id).first()
  if (!row) throw new NotFound('webhook delivery')
  const attempts = await db.from('webhook_attempts').where('delivery_id', id).orderBy('id')
  return { ...deliveryView(row), attemptLog: attempts.map(attemptView) }
}
