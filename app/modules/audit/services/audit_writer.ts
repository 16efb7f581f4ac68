import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
import type { Actor } from '#modules/shared/actor'
import { AUDIT_CHAINS, chainHash } from '#modules/audit/hash_chain'
import { preparedQuery } from '#modules/shared/prepared_statement'

export interface AuditEntry {
  entityType: string
  entityId: string | number | null
  action: string
  before?: unknown
  after?: unknown
}

/** The fields a row's hash covers, in the form they are stored and read back. */
export interface HashedAuditFields {
  chain: number
  seq: number
  occurredAt: string
  actorId: number | null
  actorRole: string | null
  ip: string | null
  userAgent: string | null
  requestId: string | null
  entityType: string
  entityId: string | null
  action: string
  before: unknown
  after: unknown
}

/**
 * Appends the entries to one hash chain picked at random. The chain head is locked for the few
 * milliseconds of the append, at the very end of the transaction, so writers only queue when they
 * land on the same chain.
 */
export async function appendAuditEntries(
  trx: TransactionClientContract,
  actor: Actor,
  entries: AuditEntry[]
) {
  if (entries.length === 0) return
  const chain = Math.floor(Math.random() * AUDIT_CHAINS)
  const head = await preparedQuery(
    trx,
    'SELECT seq, hash FROM audit_chain_heads WHERE chain = ? FOR UPDATE',
    [chain]
  )
  let seq = Number(head.rows[0].seq)
  let prevHash: string = head.rows[0].hash
  const occurredAt = new Date().toISOString()
  const rows = entries.map((entry) => {
    seq += 1
    const fields: HashedAuditFields = {
      chain,
      seq,
      occurredAt,
      actorId: actor.userId,
      actorRole: actor.role,
      ip: actor.ip,
      userAgent: actor.userAgent,
      requestId: actor.requestId,
      entityType: entry.entityType,
      entityId: entry.entityId === null ? null : String(entry.entityId),
      action: entry.action,
      before: normalizeJson(entry.before),
      after: normalizeJson(entry.after),
    }
    const hash = chainHash(prevHash, fields)
    const row = toRow(fields, prevHash, hash)
    prevHash = hash
    return row
  })
  // The rows and the new chain head in one statement (one round trip at the end of every write).
  const insert = trx.insertQuery().table('audit_logs').multiInsert(rows).toSQL()
  await preparedQuery(
    trx,
    `WITH appended AS (${insert.sql}) UPDATE audit_chain_heads SET seq = ?, hash = ? WHERE chain = ?`,
    [...insert.bindings, seq, prevHash, chain] as RawQueryBindings
  )
}

/** Round-trips a value through JSON so the hash covers exactly what jsonb will give back. */
function normalizeJson(value: unknown): unknown {
  return value === undefined || value === null ? null : JSON.parse(JSON.stringify(value))
}

function toRow(fields: HashedAuditFields, prevHash: string, hash: string) {
  return {
    chain: fields.chain,
    seq: fields.seq,
    prev_hash: prevHash,
    hash,
    occurred_at: fields.occurredAt,
    actor_id: fields.actorId,
    actor_role: fields.actorRole,
    ip: fields.ip,
    user_agent: fields.userAgent,
    request_id: fields.requestId,
    entity_type: fields.entityType,
    entity_id: fields.entityId,
    action: fields.action,
    before: fields.before === null ? null : JSON.stringify(fields.before),
    after: fields.after === null ? null : JSON.stringify(fields.after),
  }
}
