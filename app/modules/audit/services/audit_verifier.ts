import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import {
  AUDIT_CHAINS,
  GENESIS_HASH,
  rowHashV1,
  rowHashV2,
  type HashedFieldsCommon,
} from '#modules/audit/hash_chain'

export interface BrokenRow {
  id: number
  chain: number
  seq: number
  reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' | 'head_mismatch'
}

export interface VerifyReport {
  valid: boolean
  rowsChecked: number
  firstBroken: BrokenRow | null
}

const BATCH = 5000

/** A row with the text forms version 2 hashes (the timestamp to the microsecond, jsonb's text). */
const ROW_SQL = `SELECT id, chain, seq, seq::text AS seq_text, prev_hash, hash, hash_version, occurred_at,
         to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at_utc,
         actor_id::text AS actor_id, actor_role, ip, user_agent, request_id, entity_type, entity_id,
         action, before, after, before::text AS before_text, after::text AS after_text
    FROM audit_logs WHERE chain = ? AND seq >= ? ORDER BY seq LIMIT ?`

/**
 * Recomputes every chain from its genesis and reports the first row that does not fit. Reads one
 * consistent snapshot (repeatable read), so rows appended while it runs never look like a break.
 * The hashes are recomputed here, not by the database functions that wrote them.
 */
export async function verifyAuditChains(): Promise<VerifyReport> {
  return db.transaction((trx) => verifySnapshot(trx), { isolationLevel: 'repeatable read' })
}

async function verifySnapshot(client: TransactionClientContract): Promise<VerifyReport> {
  let rowsChecked = 0
  const broken: BrokenRow[] = []
  for (let chain = 0; chain < AUDIT_CHAINS; chain++) {
    const result = await verifyChain(client, chain)
    rowsChecked += result.rows
    if (result.broken) broken.push(result.broken)
  }
  broken.sort((a, b) => a.id - b.id)
  return { valid: broken.length === 0, rowsChecked, firstBroken: broken[0] ?? null }
}

async function verifyChain(
  client: TransactionClientContract,
  chain: number
): Promise<{ rows: number; broken: BrokenRow | null }> {
  let prevHash = GENESIS_HASH
  let expectedSeq = 1
  let rows = 0
  let lastId = 0
  for (;;) {
    const result = await client.rawQuery(ROW_SQL, [chain, expectedSeq, BATCH])
    const batch = result.rows
    for (const row of batch) {
      rows++
      const at = { id: Number(row.id), chain, seq: Number(row.seq) }
      if (Number(row.seq) !== expectedSeq)
        return { rows, broken: { ...at, reason: 'sequence_gap' } }
      if (row.prev_hash !== prevHash)
        return { rows, broken: { ...at, reason: 'prev_hash_mismatch' } }
      if (rowHash(prevHash, row) !== row.hash)
        return { rows, broken: { ...at, reason: 'hash_mismatch' } }
      prevHash = row.hash
      expectedSeq++
      lastId = at.id
    }
    if (batch.length < BATCH) break
  }
  const head = await client.from('audit_chain_heads').where('chain', chain).first()
  if (head && (Number(head.seq) !== expectedSeq - 1 || head.hash !== prevHash)) {
    return { rows, broken: { id: lastId, chain, seq: expectedSeq - 1, reason: 'head_mismatch' } }
  }
  return { rows, broken: null }
}

/** The hash a row should carry, by the version it was written with. */
function rowHash(prevHash: string, row: Record<string, any>): string {
  const shared: HashedFieldsCommon = {
    chain: Number(row.chain),
    actorRole: row.actor_role,
    ip: row.ip,
    userAgent: row.user_agent,
    requestId: row.request_id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    action: row.action,
  }
  if (Number(row.hash_version) === 1) {
    return rowHashV1(prevHash, {
      ...shared,
      seq: Number(row.seq),
      occurredAt: new Date(row.occurred_at).toISOString(),
      actorId: row.actor_id === null ? null : Number(row.actor_id),
      before: row.before,
      after: row.after,
    })
  }
  return rowHashV2(prevHash, {
    ...shared,
    seq: row.seq_text,
    occurredAt: row.occurred_at_utc,
    actorId: row.actor_id,
    before: row.before_text,
    after: row.after_text,
  })
}
