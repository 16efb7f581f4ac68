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

/**
 * An audit row's user agent: its text inline (rows before migration 0310, and agents the
 * dictionary does not take) or through its id in audit_user_agents. Every reader of a row's user
 * agent reads this expression (of a row of `audit_logs` under that name): the API list and CSV, the
 * panel, the verifier (the hash covers the text).
 */
export const AUDIT_USER_AGENT_SQL = `coalesce(audit_logs.user_agent,
    (SELECT ua.user_agent FROM audit_user_agents ua WHERE ua.id = audit_logs.user_agent_id))`

export function auditRowView(r: Record<string, any>) {
  return {
    id: r.id,
    occurredAt: new Date(r.occurred_at).toISOString(),
    actorId: r.actor_id,
    actorRole: r.actor_role,
    ip: r.ip,
    userAgent: r.user_agent_text,
    requestId: r.request_id,
    entityType: r.entity_type,
    entityId: r.entity_id,
    action: r.action,
    before: r.before,
    after: r.after,
    chain: r.chain,
    seq: r.seq,
    prevHash: r.prev_hash ?? r.chain_prev_hash,
    hash: r.hash,
    hashVersion: r.hash_version,
  }
}

/**
 * Rows since migration 0280 store no prev_hash: it is the hash of the row before on the chain
 * (one probe of the (chain, seq) key per row shown), the genesis hash for a chain's first row.
 */
const CHAIN_PREV_HASH = `CASE WHEN audit_logs.prev_hash IS NULL THEN
    CASE WHEN audit_logs.seq = 1 THEN repeat('0', 64) ELSE
      (SELECT p.hash FROM audit_logs p
        WHERE p.chain = audit_logs.chain AND p.seq = audit_logs.seq - 1) END END AS chain_prev_hash`

/** Newest first, keyset-paged by id so deep pages stay as fast as the first. */
export function auditQuery(filters: AuditFilters) {
  const query = db
    .from('audit_logs')
    .select(
      'audit_logs.*',
      db.raw(CHAIN_PREV_HASH),
      db.raw(`${AUDIT_USER_AGENT_SQL} AS user_agent_text`)
    )
    .orderBy('id', 'desc')
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
 * A posting's record since migration 0280 is its journal (immutable): the audit row keeps
 * references and the digest, the journal's fields and lines are read from the journal tables.
 */
async function journalRecord(journalId: string) {
  if (!/^\d{1,18}$/.test(journalId)) return null
  const result = await db.rawQuery(
    `SELECT jsonb_strip_nulls(jsonb_build_object(
       'journalNo', j.journal_no, 'kind', j.kind, 'exchangeRate', trim_scale(j.exchange_rate)::text,
       'baseAmount', trim_scale(j.base_amount)::text, 'channel', j.channel,
       'bankReference', j.bank_reference, 'documentType', j.document_type,
       'documentNo', j.document_no, 'reason', j.reason, 'memo', j.memo, 'createdBy', j.created_by,
       'lines', (SELECT jsonb_agg(jsonb_build_object('lineNo', l.line_no, 'accountCode',
                   l.account_code, 'debit', trim_scale(l.debit)::text,
                   'credit', trim_scale(l.credit)::text) ORDER BY l.line_no)
                   FROM journal_lines l WHERE l.journal_id = j.id))) AS record
       FROM journals j WHERE j.id = ?`,
    [journalId]
  )
  return result.rows[0]?.record ?? null
}

/**
 * A record's state at a moment: the `after` of its last audit row at or before `at` (every change
 * stores the full record after it; a posting's row its references, with the journal read from
 * the journal tables), with the changes that led there.
 */
export async function stateAt(entityType: string, entityId: string, at: Date) {
  const changes = await db
    .from('audit_logs')
    .where({ entity_type: entityType, entity_id: entityId })
    .where('occurred_at', '<=', at)
    .orderBy('id')
  const last = changes.at(-1)
  const posting = entityType === 'journal' && last?.after?.digest !== undefined
  const state = posting ? { ...last.after, ...(await journalRecord(entityId)) } : last?.after
  return {
    entityType,
    entityId,
    at: at.toISOString(),
    exists: Boolean(last?.after),
    state: state ?? null,
    asOfAuditId: last?.id ?? null,
    changes: changes.map((c) => ({
      id: c.id,
      occurredAt: new Date(c.occurred_at).toISOString(),
      actorId: c.actor_id,
      action: c.action,
    })),
  }
}
