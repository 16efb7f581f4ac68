import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { CoalescingLimit } from '#kernel/coalescing_limit'
import { outboxEventOf, type EventType, type OutboxEvent } from '#modules/outbox/outbox_events'

/**
 * What happens to dispatched events: each reaction gets the events of its types, in order, inside
 * the pass's transaction (rows it writes there commit with the events' dispatch). It may return
 * work to run after the commit (emails), which never fails the pass.
 */
export interface OutboxReaction {
  name: string
  types: readonly EventType[] | '*'
  handle(
    events: OutboxEvent[],
    trx: TransactionClientContract
  ): Promise<void | (() => Promise<void>)>
}

const reactions: OutboxReaction[] = []

/** Registers a reaction (start/events.ts); a name registers once. */
export function onOutboxEvents(reaction: OutboxReaction) {
  if (!reactions.some((known) => known.name === reaction.name)) reactions.push(reaction)
}

/** One dispatcher at a time across every process: passes take this transaction advisory lock. */
const DISPATCH_LOCK = 0x6f7574626f78 // "outbox"
/** After this many failed passes an event is set aside (dispatched, with its last error). */
const MAX_ATTEMPTS = 10
/** How long a woken pass waits for more commits: one pass for a burst of postings. */
const GATHER_MS = 50

/**
 * Works the outbox: claims the undispatched events in order (FOR UPDATE SKIP LOCKED, under one
 * advisory lock so the events of a customer fan out in the order they were written), runs the
 * reactions and marks the events dispatched, all in one transaction. A process dying mid-pass
 * rolls it back: the events are dispatched again by the next pass (reactions are idempotent: an
 * alert is opened once per rule × subject, a delivery once per event × subscription).
 *
 * Passes run when a worker polls (`outboxJobs`) and, in a process that commits events, right after
 * the commit (`wake`), so alerts after a posting come within milliseconds as before.
 */
export class OutboxDispatcher {
  private passes = new CoalescingLimit<void, number | null>(
    1,
    () => this.wakePass(),
    undefined,
    GATHER_MS
  )

  constructor(private batchSize = 500) {}

  /** Wakes this process's dispatcher; resolves once a pass after the call has run. */
  wake(): Promise<void> {
    return this.passes.add(undefined).catch((error) => {
      logger.error({ err: error }, 'outbox dispatch failed')
    })
  }

  /**
   * A woken pass is one claim of everything waiting (commits arriving meanwhile wake the next
   * pass, after its gathering time: under load passes grow instead of multiplying). When another
   * process holds the dispatch lock it retries for a moment (that process may have claimed
   * before our commit), then leaves the rest to the workers' polls.
   */
  private async wakePass(): Promise<number | null> {
    for (let busy = 0; busy < 20; busy++) {
      const count = await this.dispatchOnce()
      if (count !== null) return count
      await new Promise((resolve) => setTimeout(resolve, GATHER_MS))
    }
    return null
  }

  /** Dispatches until nothing is left (the workers' poll; tests). */
  async drain(): Promise<number> {
    let total = 0
    for (let busy = 0; busy < 20;) {
      const count = await this.dispatchOnce()
      if (count === null) {
        busy++
        await new Promise((resolve) => setTimeout(resolve, GATHER_MS))
        continue
      }
      if (count === 0) break
      total += count
    }
    return total
  }

  /** One pass: the number of events dispatched, or null when another dispatcher is running. */
  async dispatchOnce(): Promise<number | null> {
    const trx = await db.transaction()
    let events: OutboxEvent[] = []
    try {
      // The lock and the claim in one round trip: no rows and `locked` false when another
      // dispatcher runs.
      const claimed = await trx.rawQuery(
        `SELECT lock.locked, e.* FROM (SELECT pg_try_advisory_xact_lock(?) AS locked) lock
           LEFT JOIN LATERAL (
                SELECT id, seq, type, ordering_key, data, created_at FROM outbox_events
                 WHERE lock.locked AND dispatched_at IS NULL
                 ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED) e ON true`,
        [DISPATCH_LOCK, this.batchSize]
      )
      if (!claimed.rows[0].locked) {
        await trx.rollback()
        return null
      }
      events = claimed.rows.filter((row: any) => row.id !== null).map(outboxEventOf)
      if (events.length === 0) {
        await trx.rollback()
        return 0
      }
      const after = await this.react(events, trx)
      await trx.rawQuery(
        'UPDATE outbox_events SET dispatched_at = now(), attempts = attempts + 1 WHERE seq = ANY(?)',
        [events.map((event) => event.seq)]
      )
      await trx.commit()
      for (const work of after) {
        await work().catch((error) => logger.error({ err: error }, 'outbox after-commit failed'))
      }
      return events.length
    } catch (error) {
      if (!trx.isCompleted) await trx.rollback()
      await this.recordFailure(events, error)
      throw error
    }
  }

  private async react(events: OutboxEvent[], trx: TransactionClientContract) {
    const after: Array<() => Promise<void>> = []
    for (const reaction of reactions) {
      const { types } = reaction
      const mine = types === '*' ? events : events.filter((event) => types.includes(event.type))
      if (mine.length === 0) continue
      const work = await reaction.handle(mine, trx)
      if (work) after.push(work)
    }
    return after
  }

  /** Counts the failed pass on its events; one failing too often is set aside, not retried forever. */
  private async recordFailure(events: OutboxEvent[], error: unknown) {
    if (events.length === 0) return
    await db
      .rawQuery(
        `UPDATE outbox_events SET attempts = attempts + 1, last_error = ?,
                dispatched_at = CASE WHEN attempts + 1 >= ? THEN now() END
          WHERE seq = ANY(?) AND dispatched_at IS NULL`,
        [String(error).slice(0, 1000), MAX_ATTEMPTS, events.map((event) => event.seq)]
      )
      .catch((failure) => logger.error({ err: failure }, 'outbox failure not recorded'))
  }
}

/** This process's dispatcher. */
export const outboxDispatcher = new OutboxDispatcher()
