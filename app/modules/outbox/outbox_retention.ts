import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import env from '#start/env'
import { systemActor } from '#modules/shared/actor'
import { runInTransaction } from '#modules/shared/unit_of_work'
import { purgeDeliveryLog } from '#modules/webhooks/services/webhook_retention'

export interface RetentionOptions {
  /** events and delivery logs older than this many days go (OUTBOX_RETENTION_DAYS, default 90) */
  days?: number
  /** rows of each table per transaction: short transactions, short locks */
  batchSize?: number
  /** "now", for tests */
  now?: Date
}

export interface PurgeCounts {
  events: number
  deliveries: number
  attempts: number
  batches: number
}

export const DEFAULT_RETENTION_DAYS = 90

export function retentionDays(): number {
  return env.get('OUTBOX_RETENTION_DAYS') ?? DEFAULT_RETENTION_DAYS
}

/**
 * Outbox retention: finished webhook deliveries (with their attempts) and dispatched events older
 * than the retention window are deleted in batches, each batch one transaction with one audit row
 * (a system action, its counts). Only finished work goes: an undispatched event and a pending
 * delivery stay whatever their age, and an event stays while any delivery of it remains (an event
 * set aside after failed passes is dispatched, i.e. dead, and goes like a dead delivery). Several workers may run it: rows are taken with SKIP LOCKED.
 */
export async function purgeOutbox(options: RetentionOptions = {}): Promise<PurgeCounts> {
  const days = options.days ?? retentionDays()
  const batchSize = options.batchSize ?? 1000
  const cutoff = new Date((options.now ?? new Date()).getTime() - days * 86_400_000)
  const total: PurgeCounts = { events: 0, deliveries: 0, attempts: 0, batches: 0 }
  for (;;) {
    const batch = await runInTransaction(systemActor('outbox:retention'), async (uow) => {
      const log = await purgeDeliveryLog(uow.trx, cutoff, batchSize)
      const events = await purgeEvents(uow.trx, cutoff, batchSize)
      const counts = { events, ...log }
      if (events || log.deliveries) {
        uow.audit({
          entityType: 'outbox',
          entityId: null,
          action: 'purge',
          after: { ...counts, retentionDays: days, cutoff: cutoff.toISOString() },
        })
      }
      return counts
    })
    if (!batch.events && !batch.deliveries) break
    total.events += batch.events
    total.deliveries += batch.deliveries
    total.attempts += batch.attempts
    total.batches++
  }
  if (total.batches) logger.info(total, 'outbox retention: purged')
  return total
}

/** Dispatched events before the cutoff with no delivery left (the deliveries' log goes first). */
async function purgeEvents(trx: TransactionClientContract, cutoff: Date, limit: number) {
  const result = await trx.rawQuery(
    `DELETE FROM outbox_events WHERE id IN (
       SELECT e.id FROM outbox_events e
        WHERE e.dispatched_at IS NOT NULL AND e.created_at < ?
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id)
        ORDER BY e.seq
        LIMIT ?
        FOR UPDATE SKIP LOCKED)`,
    [cutoff, limit]
  )
  return Number(result.rowCount ?? 0)
}
