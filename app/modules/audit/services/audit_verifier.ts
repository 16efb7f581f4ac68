import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { AUDIT_CHAINS, GENESIS_HASH, chainHash } from '#modules/audit/hash_chain'
import type { HashedAuditFields } from '#modules/audit/services/audit_writer'

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

/**
 * Recomputes every chain from its genesis and reports the first row that does not fit. Reads one
 * consistent snapshot (repeatable read), so rows appended while it runs never look like a break.
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
    const batch = await client
      .from('audit_logs')
      .where('chain', chain)
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(BATCH)
    for (const row of batch) {
      rows++
      const at = { id: Number(row.id), chain, seq: Number(row.seq) }
      if (Number(row.seq) !== expectedSeq)
        return { rows, broken: { ...at, reason: 'sequence_gap' } }
      if (row.prev_hash !== prevHash)
        return { rows, broken: { ...at, reason: 'prev_hash_mismatch' } }
      if (chainHash(prevHash, hashedFields(row)) !== row.hash)
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

export function hashedFields(row: Record<string, any>): HashedAuditFields {
  return {
    chain: Number(row.chain),
    seq: Number(row.seq),
    occurredAt: new Date(row.occurred_at).toISOString(),
    actorId: row.actor_id === null ? null : Number(row.actor_id),
    actorRole: row.actor_role,
    ip: row.ip,
    userAgent: row.user_agent,
    requestId: row.request_id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    action: row.action,
    before: row.before,
    after: row.after,
  }
}
