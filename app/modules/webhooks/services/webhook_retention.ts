import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { RetentionStep } from '#modules/outbox/public'

export interface DeliveryLogPurge {
  deliveries: number
  attempts: number
}

/**
 * One batch of the delivery log's retention: up to `limit` finished deliveries (delivered or dead)
 * created before `cutoff` and not attempted since, with their attempts. A pending delivery is never
 * touched, nor one redelivered by hand within the window (its new attempts are recent).
 */
export async function purgeDeliveryLog(
  trx: TransactionClientContract,
  cutoff: Date,
  limit: number
): Promise<DeliveryLogPurge> {
  const picked = await trx.rawQuery(
    `SELECT d.id FROM webhook_deliveries d
      WHERE d.status IN ('delivered', 'dead') AND d.created_at < ?
        AND NOT EXISTS (SELECT 1 FROM webhook_attempts a
                         WHERE a.delivery_id = d.id AND a.attempted_at >= ?)
      ORDER BY d.id
      LIMIT ?
      FOR UPDATE SKIP LOCKED`,
    [cutoff, cutoff, limit]
  )
  const ids = picked.rows.map((row: { id: string }) => row.id)
  if (!ids.length) return { deliveries: 0, attempts: 0 }
  const attempts = await trx.from('webhook_attempts').whereIn('delivery_id', ids).delete()
  const deliveries = await trx.from('webhook_deliveries').whereIn('id', ids).delete()
  return { deliveries: Number(deliveries), attempts: Number(attempts) }
}

/** The delivery log's part of the outbox retention (registered in start/events.ts). */
export const webhookRetention: RetentionStep = {
  name: 'webhook-deliveries',
  references: { table: 'webhook_deliveries', column: 'event_id' },
  purge: async (trx, cutoff, limit) => ({ ...(await purgeDeliveryLog(trx, cutoff, limit)) }),
}
