import db from '@adonisjs/lucid/services/db'
import { csvDocument } from '#kernel/csv'

export interface AuditFilters {
  entityType?: string
  entityId?: string
  actor?: number
  from?: Date
  to?: Date
  beforeId?: number
  limit?: number
}

export function auditRowView(r: Record<string, any>) {
  return {
    id: r.id,
    occurredAt: new Date(r.occurred_at).toISOString(),
    actorId: r.actor_id,
    actorRole: r.actor_role,
    ip: r.ip,
    userAgent: r.user_agent,
    requestId: r.request_id,
    entityType: r.entity_type,
    entityId: r.entity_id,
    action: r.action,
    before: r.before,
    after: r.after,
    chain: r.chain,
    seq: r.seq,
    prevHash: r.prev_hash,
    hash: r.hash,
    hashVersion: r.hash_version,
  }
}

/** Newest first, keyset-paged by id so deep pages stay as fast as the first. */
export function auditQuery(filters: AuditFilters) {
  const query = db.from('audit_logs').orderBy('id', 'desc')
  if (filters.entityType) query.where('entity_type', filters.entityType)
  if (filters.entityId) query.where('entity_id', filters.entityId)
  if (filters.actor) query.where('actor_id', filters.actor)
  if (filters.from) query.where('occurred_at', '>=', filters.from)
  if (filters.to) query.where('occurred_at', '<', filters.to)
  if (filters.beforeId) query.where('id', '<', filters.beforeId)
  if (filters.limit) query.limit(filters.limit)
  return query
}

const CSV_COLUMNS = [
  'id',
  'occurredAt',
  'actorId',
  'actorRole',
  'ip',
  'userAgent',
  'requestId',
  'entityType',
  'entityId',
  'action',
  'before',
  'after',
  'hash',
] as const

export function auditCsv(rows: Array<Record<string, any>>): string {
  const views = rows.map((row) => auditRowView(row) as Record<string, unknown>)
  return csvDocument(
    CSV_COLUMNS,
    views.map((view) => CSV_COLUMNS.map((column) => view[column]))
  )
}

/**
 * A record's state at a moment: the `after` of its last audit row at or before `at` (every change
 * stores the full record after it), with the changes that led there.
 */
export async function stateAt(entityType: string, entityId: string, at: Date) {
  const changes = await db
    .from('audit_logs')
    .where({ entity_type: entityType, entity_id: entityId })
    .where('occurred_at', '<=', at)
    .orderBy('id')
  const last = changes.at(-1)
  return {
    entityType,
    entityId,
    at: at.toISOString(),
    exists: Boolean(last?.after),
    state: last?.after ?? null,
    asOfAuditId: last?.id ?? null,
    changes: changes.map((c) => ({
      id: c.id,
      occurredAt: new Date(c.occurred_at).toISOString(),
      actorId: c.actor_id,
      action: c.action,
    })),
  }
}
