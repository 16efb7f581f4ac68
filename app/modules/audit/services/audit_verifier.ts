import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import {
  AUDIT_CHAINS,
  GENESIS_HASH,
  rowHashV1,
  rowHashV2,
  type HashedFieldsCommon,
} from '#modules/audit/hash_chain'
import { AUDIT_USER_AGENT_SQL } from '#modules/audit/services/audit_queries'
import {
  latestCheckpoints,
  recordCheckpoints,
  type Checkpoint,
} from '#modules/audit/services/chain_checkpoints'
import { numberOrNull } from '#kernel/row_values'

export interface BrokenRow {
  id: number
  chain: number
  seq: number
  reason:
    | 'hash_mismatch'
    | 'prev_hash_mismatch'
    | 'sequence_gap'
    | 'head_mismatch'
    | 'checkpoint_mismatch'
    | 'journal_mismatch'
  /** journal_mismatch: the journal whose tables no longer match its audit row's digest */
  journalId?: number
}

export interface VerifyReport {
  valid: boolean
  /** full: every chain from its genesis; incremental: from each chain's last signed checkpoint */
  mode: VerifyMode
  rowsChecked: number
  /** chains that started from a checkpoint (incremental mode) */
  fromCheckpoint: number
  firstBroken: BrokenRow | null
}

export type VerifyMode = 'full' | 'incremental'

export interface VerifyOptions {
  mode?: VerifyMode
  /** called with the rows verified since the last call (progress of a long run) */
  onRows?: (rows: number) => void
}

const BATCH = 5000
/** chains verified at once: one fetches while another hashes */
const PARALLEL_CHAINS = 4

/**
 * A posting's audit row since migration 0280: references and the digest of its journal's content,
 * recomputed here from the journal tables by the database's journal_content_digest (the one
 * definition of the digest, database/sql/journal_digest.sql).
 */
const POSTING = `entity_type = 'journal' AND entity_id ~ '^[0-9]{1,18}$' AND after->>'digest' IS NOT NULL`

/**
 * Text only (no jsonb parsed, no timestamp parsed) except what version 1 rows need: version 2
 * hashes the stored text itself. The user agent is its text, read through its id since migration
 * 0310: changing a dictionary entry breaks every row that names it.
 */
const ROW_SQL = `SELECT id, seq::text AS seq_text, prev_hash, hash, hash_version,
         CASE WHEN hash_version = 1 THEN occurred_at END AS occurred_at,
         to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at_utc,
         actor_id::text AS actor_id, actor_role, ip, ${AUDIT_USER_AGENT_SQL} AS user_agent,
         request_id, entity_type, entity_id,
         action, before::text AS before_text, after::text AS after_text,
         CASE WHEN ${POSTING} THEN after->>'digest' END AS audited_digest,
         CASE WHEN ${POSTING} THEN journal_content_digest(entity_id::bigint) END AS journal_digest
    FROM audit_logs WHERE chain = ? AND seq > ? ORDER BY seq LIMIT ?`

interface ChainResult {
  rows: number
  broken: BrokenRow | null
  head: Checkpoint | null
  fromCheckpoint: boolean
}

/**
 * Recomputes the chains and reports the first row that does not fit. Each chain is read in one
 * repeatable-read snapshot, so rows appended meanwhile never look like a break. The hashes are
 * recomputed here, not by the database functions that wrote them. Chains found intact get a signed
 * checkpoint, where the next incremental verification starts (it re-checks that the checkpoint's
 * row still carries the checkpointed hash; a full run re-reads everything).
 */
export async function verifyAuditChains(options: VerifyOptions = {}): Promise<VerifyReport> {
  const mode = options.mode ?? 'full'
  const checkpoints = mode === 'incremental' ? await latestCheckpoints(db.connection()) : new Map()
  const results: ChainResult[] = []
  const chains = Array.from({ length: AUDIT_CHAINS }, (_, chain) => chain)
  const next = async () => {
    for (let chain = chains.shift(); chain !== undefined; chain = chains.shift()) {
      const start = checkpoints.get(chain) ?? null
      results.push(
        await db.transaction((trx) => verifyChain(trx, chain, start, options.onRows), {
          isolationLevel: 'repeatable read',
        })
      )
    }
  }
  await Promise.all(Array.from({ length: PARALLEL_CHAINS }, next))
  await recordCheckpoints(
    results.filter((r) => !r.broken && r.head && r.rows > 0).map((r) => r.head!)
  )
  const broken = results.flatMap((r) => (r.broken ? [r.broken] : [])).sort((a, b) => a.id - b.id)
  return {
    valid: broken.length === 0,
    mode,
    rowsChecked: results.reduce((sum, r) => sum + r.rows, 0),
    fromCheckpoint: results.filter((r) => r.fromCheckpoint).length,
    firstBroken: broken[0] ?? null,
  }
}

async function verifyChain(
  client: TransactionClientContract,
  chain: number,
  start: Checkpoint | null,
  onRows?: (rows: number) => void
): Promise<ChainResult> {
  const fromCheckpoint = start !== null
  if (start) {
    const at = await client
      .from('audit_logs')
      .where({ chain, seq: start.seq })
      .select('hash')
      .first()
    if (!at || at.hash !== start.hash) {
      const broken = {
        id: start.auditLogId,
        chain,
        seq: start.seq,
        reason: 'checkpoint_mismatch' as const,
      }
      return { rows: 0, broken, head: null, fromCheckpoint }
    }
  }
  let prevHash = start?.hash ?? GENESIS_HASH
  let lastSeq = start?.seq ?? 0
  let lastId = start?.auditLogId ?? 0
  let rows = 0
  for (;;) {
    const result = await client.rawQuery(ROW_SQL, [chain, lastSeq, BATCH])
    for (const row of result.rows) {
      rows++
      const at = { id: Number(row.id), chain, seq: Number(row.seq_text) }
      const reason = rowFault(row, chain, at.seq, lastSeq, prevHash)
      if (reason) {
        const broken: BrokenRow = { ...at, reason }
        if (reason === 'journal_mismatch') broken.journalId = Number(row.entity_id)
        return { rows, broken, head: null, fromCheckpoint }
      }
      prevHash = row.hash
      lastSeq = at.seq
      lastId = at.id
    }
    onRows?.(result.rows.length)
    if (result.rows.length < BATCH) break
  }
  const head = await client.from('audit_chain_heads').where('chain', chain).first()
  if (head && (Number(head.seq) !== lastSeq || head.hash !== prevHash)) {
    const broken = { id: lastId, chain, seq: lastSeq, reason: 'head_mismatch' as const }
    return { rows, broken, head: null, fromCheckpoint }
  }
  const intact = lastSeq > 0 ? { chain, seq: lastSeq, hash: prevHash, auditLogId: lastId } : null
  return { rows, broken: null, head: intact, fromCheckpoint }
}

/** Why a row does not follow (lastSeq, prevHash) on its chain, or null when it does. */
function rowFault(
  row: Record<string, any>,
  chain: number,
  seq: number,
  lastSeq: number,
  prevHash: string
): BrokenRow['reason'] | null {
  if (seq !== lastSeq + 1) return 'sequence_gap'
  // rows since migration 0280 store no prev_hash: the hash covers it all the same
  if (row.prev_hash !== null && row.prev_hash !== prevHash) return 'prev_hash_mismatch'
  if (rowHash(prevHash, chain, row) !== row.hash) return 'hash_mismatch'
  // the hash proved the audited digest; the journal's tables must still give it
  if (row.audited_digest !== null && row.audited_digest !== row.journal_digest) {
    return 'journal_mismatch'
  }
  return null
}

/** The hash a row should carry, by the version it was written with. */
function rowHash(prevHash: string, chain: number, row: Record<string, any>): string {
  const shared: HashedFieldsCommon = {
    chain,
    actorRole: row.actor_role,
    ip: row.ip,
    userAgent: row.user_agent,
    requestId: row.request_id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    action: row.action,
  }
  if (Number(row.hash_version) === 1) {
    const json = (text: string | null) => (text === null ? null : JSON.parse(text))
    return rowHashV1(prevHash, {
      ...shared,
      seq: Number(row.seq_text),
      occurredAt: new Date(row.occurred_at).toISOString(),
      actorId: numberOrNull(row.actor_id),
      before: json(row.before_text),
      after: json(row.after_text),
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
