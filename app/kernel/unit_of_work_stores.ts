/*
| Where a unit of work writes what it recorded: its audit rows and its outbox events. The kernel
| states the shapes and the port; the audit and outbox modules fill it at boot (start/wiring.ts), so
| the ground floor imports no module. A unit that recorded something with no store installed fails
| loudly rather than commit without its audit trail.
*/
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { Actor } from '#kernel/actor'

export interface AuditEntry {
  entityType: string
  entityId: string | number | null
  action: string
  before?: unknown
  after?: unknown
}

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
  'import.completed',
  'bank_line.matched',
] as const

export type EventType = (typeof EVENT_TYPES)[number]

/** An event a service records in its transaction. */
export interface PublishedEvent {
  type: EventType
  /** the customer it is about: deliveries of one customer's events keep their order */
  customerId: number | null
  data: Record<string, unknown>
}

export interface UnitOfWorkStores {
  appendAudit(client: QueryClientContract, actor: Actor, entries: AuditEntry[]): Promise<void>
  writeEvents(client: QueryClientContract, events: PublishedEvent[]): Promise<void>
  /** after the commit of a unit that wrote events (wakes this process's dispatcher) */
  eventsCommitted(): Promise<void>
}

let installed: UnitOfWorkStores | undefined

export function installUnitOfWorkStores(stores: UnitOfWorkStores) {
  installed = stores
}

export function unitOfWorkStores(): UnitOfWorkStores {
  if (!installed) throw new Error('unit of work stores not installed (start/wiring.ts)')
  return installed
}
