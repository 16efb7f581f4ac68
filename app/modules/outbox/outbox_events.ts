import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { EVENT_TYPES, type EventType, type PublishedEvent } from '#kernel/unit_of_work_stores'

export { EVENT_TYPES, type EventType, type PublishedEvent }

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
