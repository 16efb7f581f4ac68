import encryption from '@adonisjs/core/services/encryption'
import { numberOrNull } from '#kernel/row_values'

const instant = (value: Date | string | null) =>
  value === null ? null : new Date(value).toISOString()

/** A subscription on the wire; the secret only when asked (show, create, rotate), else its tail. */
export function subscriptionView(row: any, withSecret = false) {
  const secret = encryption.decrypt<string>(row.secret_encrypted) ?? ''
  return {
    id: Number(row.id),
    url: row.url as string,
    description: row.description as string | null,
    events: row.events as string[],
    active: row.active as boolean,
    ...(withSecret ? { secret } : {}),
    secretHint: `…${secret.slice(-4)}`,
    createdBy: numberOrNull(row.created_by),
    createdAt: instant(row.created_at),
    updatedAt: instant(row.updated_at),
  }
}

/** The audited form: never the secret itself (subscriptionView without it leaves it out). */
export function subscriptionAuditView(row: any) {
  return subscriptionView(row)
}

export function deliveryView(row: any) {
  return {
    id: Number(row.id),
    subscriptionId: Number(row.subscription_id),
    eventId: row.event_id as string,
    eventType: row.event_type as string,
    orderingKey: row.ordering_key as string | null,
    status: row.status as string,
    attempts: Number(row.attempts),
    nextAttemptAt: row.status === 'pending' ? instant(row.next_attempt_at) : null,
    retryUntil: instant(row.retry_until),
    lastStatusCode: numberOrNull(row.last_status_code),
    lastError: row.last_error as string | null,
    lastDurationMs: numberOrNull(row.last_duration_ms),
    deliveredAt: instant(row.delivered_at),
    createdAt: instant(row.created_at),
  }
}

export function attemptView(row: any) {
  return {
    id: Number(row.id),
    attemptedAt: instant(row.attempted_at),
    statusCode: numberOrNull(row.status_code),
    durationMs: Number(row.duration_ms),
    error: row.error as string | null,
    responseExcerpt: row.response_excerpt as string | null,
  }
}
