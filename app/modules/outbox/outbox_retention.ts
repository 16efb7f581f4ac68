import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import env from '#start/env'
import { systemActor } from '#kernel/actor'
import { runInTransaction } from '#kernel/unit_of_work'

export interface RetentionOptions {
  /** events and delivery logs older than this many days go (OUTBOX_RETENTION_DAYS, default 90) */
  days?: number
  /** rows of each table per transaction: short transactions, short locks */
  batchSize?: number
  /** "now", for tests */
  now?: Date
}

/**
 * Rows of another module that hang off outbox events (webhook deliveries and their attempts): its
 * step purges its finished rows first, in the batch's transaction, and names the table and column
 * that reference an event, so that no event still referenced is deleted.
 */
export interface RetentionStep {
  name: string
  references: { table: string; column: string }
  purge(
    trx: TransactionClientContract,
    cutoff: Date,
    limit: number
  ): Promise<Record<string, number>>
}

const steps: RetentionStep[] = []

/** Registers a dependent module's step (start/events.ts); a name registers once. */
export function onOutboxRetention(step: RetentionStep) {
  if (!steps.some((known) => known.name === step.name)) steps.push(step)
}

export type PurgeCounts = { events: number; batches: number } & Record<string, number>

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
  const total: PurgeCounts = { events: 0, batches: 0 }
  for (;;) {
    const batch = await runInTransaction(systemActor('outbox:retention'), async (uow) => {
      const counts: Record<string, number> = {}
      for (const step of steps) Object.assign(counts, await step.purge(uow.trx, cutoff, batchSize))
      counts.events = await purgeEvents(uow.trx, cutoff, batchSize)
      if (Object.values(counts).some(Boolean)) {
        uow.audit({
          entityType: 'outbox',
          entityId: null,
          action: 'purge',
          after: { ...counts, retentionDays: days, cutoff: cutoff.toISOString() },
        })
      }
      return counts
    })
    if (!Object.values(batch).some(Boolean)) break
    for (const [key, count] of Object.entries(batch)) total[key] = (total[key] ?? 0) + count
    total.batches++
  }
  if (total.batches) logger.info(total, 'outbox retention: purged')
  return total
}

/** Dispatched events before the cutoff that no registered step's rows reference any more. */
async function purgeEvents(trx: TransactionClientContract, cutoff: Date, limit: number) {
  // table and column names come from the steps' code, never from input
  const unreferenced = steps
    .map(({ references: { table, column } }) => {
      return `AND NOT EXISTS (SELECT 1 FROM ${table} r WHERE r.${column} = e.id)`
    })
    .join(' ')
  const result = await trx.rawQuery(
    `DELETE FROM outbox_events WHERE id IN (
       SELECT e.id FROM outbox_events e
        WHERE e.dispatched_at IS NOT NULL AND e.created_at < ? ${unreferenced}
        ORDER BY e.seq
        LIMIT ?
        FOR UPDATE SKIP LOCKED)`,
    [cutoff, limit]
  )
  return Number(result.rowCount ?? 0)
}
