import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * The events that leave the system (webhooks) or wake later work (the alert checks after a
 * posting). `journal.posted` and `journal.reversed` are written by a trigger on journals (migration
 * 0060); the others by the services, in their unit of work (`uow.publish`).
 */
export const EVENT_TYPES = [
  'journal.posted',
  'journal.reversed',
  'approval.requested',
  'approval.decided',
  'alert.opened',
  'alert.resolved',
  'statement.sent',
  'statement.confirmed',
  'statement.disputed',
  'import.completed',
] as const

export type EventType = (typeof EVENT_TYPES)[number]

/** An event a service records in its transaction. */
export interface PublishedEvent {
  type: EventType
  /** the customer it is about: deliveries of one customer's events keep their order */
  customerId: number | null
  data: Record<string, unknown>
}

/** An event as stored: `id` is stable across every delivery, for receivers to de-duplicate. */
export interface OutboxEvent {
  id: string
  seq: number
  type: EventType
  orderingKey: string | null
  data: Record<string, any>
  createdAt: string
}

/** The ordering key of a customer's events (the trigger on journals writes the same). */
export const orderingKeyOf = (customerId: number | null) =>
  customerId === null ? null : `customer:${customerId}`

/** Writes the events in the caller's transaction, in the order given, in one statement. */
export async function writeOutboxEvents(client: QueryClientContract, events: PublishedEvent[]) {
  if (events.length === 0) return
  const rows = events.map((event) => ({
    type: event.type,
    ordering_key: orderingKeyOf(event.customerId),
    data: event.data,
  }))
  await client.rawQuery(
    `INSERT INTO outbox_events (type, ordering_key, data)
     SELECT type, ordering_key, data
       FROM ROWS FROM (jsonb_to_recordset(?::jsonb) AS (type text, ordering_key text, data jsonb))
            WITH ORDINALITY AS e(type, ordering_key, data, n)
      ORDER BY n`,
    [JSON.stringify(rows)]
  )
}

/** A stored row as an event. */
export function outboxEventOf(row: any): OutboxEvent {
  return {
    id: row.id,
    seq: Number(row.seq),
    type: row.type,
    orderingKey: row.ordering_key,
    data: row.data,
    createdAt: new Date(row.created_at).toISOString(),
  }
}
