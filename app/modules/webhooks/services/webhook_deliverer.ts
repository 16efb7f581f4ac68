import encryption from '@adonisjs/core/services/encryption'
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
import {
  DELIVERY_ID_HEADER,
  EVENT_ID_HEADER,
  EVENT_TYPE_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signature,
} from '#modules/webhooks/services/webhook_signature'
import { sendWebhook, type SendResult } from '#modules/webhooks/services/webhook_sender'
import { privateReceiversAllowed } from '#modules/webhooks/safety/receiver_settings'

/** Retry n waits min(baseMs × 2^(n−1), maxMs); past the delivery's retry_until it is dead. */
export interface Backoff {
  baseMs: number
  maxMs: number
}

export interface DelivererOptions {
  backoff?: Backoff
  /** deliveries in flight at once per process */
  concurrency?: number
  timeoutMs?: number
  /** overrides WEBHOOK_ALLOW_PRIVATE (read at each send otherwise) */
  allowPrivate?: boolean
}

/** 30 s, 1 min, 2 min, … then hourly: about 30 attempts in the 24 h window. */
export const DEFAULT_BACKOFF: Backoff = { baseMs: 30_000, maxMs: 3_600_000 }

export function retryDelayMs(backoff: Backoff, attempts: number): number {
  return Math.min(backoff.baseMs * 2 ** Math.max(0, attempts - 1), backoff.maxMs)
}

/**
 * The webhook delivery worker. A delivery is claimed with FOR UPDATE SKIP LOCKED and its row stays
 * locked while the receiver is called, so any number of workers share the work and a worker that
 * dies mid-call (its connection drops) leaves the delivery pending for the next one: at least once,
 * with the event's stable id. Per subscription and ordering key (a customer) a delivery is due only
 * when no earlier one is still pending: event N+1 never overtakes N, which is delivered or dead.
 */
export class WebhookDeliverer {
  private backoff: Backoff
  private concurrency: number
  private timeoutMs: number
  private allowPrivate?: boolean

  constructor(options: DelivererOptions = {}) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF
    this.concurrency = options.concurrency ?? 4
    this.timeoutMs = options.timeoutMs ?? 10_000
    this.allowPrivate = options.allowPrivate
  }

  /**
   * Delivers what is due now until nothing is; returns the number of attempts made. A retry that
   * falls due meanwhile waits for the next call (each call tries a delivery at most once).
   */
  async deliverDue(): Promise<number> {
    let attempts = 0
    const dueBy = new Date()
    const lane = async () => {
      while (await this.deliverOne(dueBy)) attempts++
    }
    await Promise.all(Array.from({ length: this.concurrency }, lane))
    return attempts
  }

  /** One delivery due by `dueBy` attempted; false when none is (or every due one is taken). */
  async deliverOne(dueBy = new Date()): Promise<boolean> {
    const trx = await db.transaction()
    try {
      const due = await this.claim(trx, dueBy)
      if (!due) {
        await trx.rollback()
        return false
      }
      const result = await this.send(due)
      await this.record(trx, due, result)
      await trx.commit()
      return true
    } catch (error) {
      if (!trx.isCompleted) await trx.rollback()
      logger.error({ err: error }, 'webhook delivery failed')
      return false
    }
  }

  private async claim(trx: TransactionClientContract, dueBy: Date): Promise<Due | null> {
    const result = await trx.rawQuery(
      `SELECT d.id, d.attempts, d.retry_until, e.id AS event_id, e.type, e.data, e.created_at,
              s.url, s.secret_encrypted
         FROM webhook_deliveries d
         JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.active
         JOIN outbox_events e ON e.id = d.event_id
        WHERE d.status = 'pending' AND d.next_attempt_at <= ?
          AND NOT EXISTS (
                SELECT 1 FROM webhook_deliveries p
                 WHERE p.subscription_id = d.subscription_id AND p.ordering_key = d.ordering_key
                   AND p.status = 'pending' AND p.id < d.id)
        ORDER BY d.next_attempt_at, d.id
        LIMIT 1
        FOR UPDATE OF d SKIP LOCKED`,
      [dueBy]
    )
    return result.rows[0] ?? null
  }

  private send(due: Due): Promise<SendResult> {
    const body = JSON.stringify({
      id: due.event_id,
      type: due.type,
      createdAt: new Date(due.created_at).toISOString(),
      data: due.data,
    })
    const timestamp = Math.floor(Date.now() / 1000)
    const secret = encryption.decrypt<string>(due.secret_encrypted)
    if (!secret) throw new Error(`webhook delivery ${due.id}: the secret cannot be decrypted`)
    return sendWebhook(
      due.url,
      {
        'content-type': 'application/json',
        'user-agent': 'AdvanceLedger-Webhooks/1',
        [EVENT_ID_HEADER]: due.event_id,
        [EVENT_TYPE_HEADER]: due.type,
        [DELIVERY_ID_HEADER]: String(due.id),
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signature(secret, timestamp, body),
      },
      body,
      { timeoutMs: this.timeoutMs, allowPrivate: this.allowPrivate ?? privateReceiversAllowed() }
    )
  }

  /** The attempt into the log; the delivery delivered, rescheduled, or dead past its window. */
  private async record(trx: TransactionClientContract, due: Due, result: SendResult) {
    await trx.rawQuery(
      `INSERT INTO webhook_attempts (delivery_id, status_code, duration_ms, error, response_excerpt)
       VALUES (?, ?, ?, ?, ?)`,
      [
        due.id,
        result.statusCode,
        result.durationMs,
        result.error,
        result.excerpt,
      ] as RawQueryBindings
    )
    const delayMs = retryDelayMs(this.backoff, Number(due.attempts) + 1)
    await trx.rawQuery(
      `UPDATE webhook_deliveries
          SET attempts = attempts + 1, last_status_code = ?, last_error = ?, last_duration_ms = ?,
              status = CASE WHEN ? THEN 'delivered'
                            WHEN now() + ? * interval '1 millisecond' > retry_until THEN 'dead'
                            ELSE 'pending' END,
              delivered_at = CASE WHEN ? THEN now() END,
              next_attempt_at = now() + ? * interval '1 millisecond'
        WHERE id = ?`,
      [
        result.statusCode,
        result.error,
        result.durationMs,
        result.ok,
        delayMs,
        result.ok,
        delayMs,
        due.id,
      ] as RawQueryBindings
    )
  }
}

interface Due {
  id: string
  attempts: number
  retry_until: Date
  event_id: string
  type: string
  data: unknown
  created_at: Date
  url: string
  secret_encrypted: string
}
