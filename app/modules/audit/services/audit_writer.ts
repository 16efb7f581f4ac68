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

interface ChainHead {
  seq: number
  hash: string
}

/** What a transaction appended, to tell the writer once the transaction has ended. */
export interface AuditAppend {
  settle(committed: boolean): void
}

/**
 * The head this process last committed on each chain: its next append there can skip reading
 * (and locking) the head first, the update checks it is still the head (see appendIfHeadIs).
 */
const committedHeads = new Map<number, ChainHead>()
/** Chains this process is appending to in transactions that have not ended yet. */
const chainsInUse = new Set<number>()
const ALL_CHAINS = Array.from({ length: AUDIT_CHAINS }, (_, chain) => chain)

/**
 * Appends the entries to one hash chain, at the very end of the transaction, so writers only
 * queue when they land on the same chain — and this process picks a chain none of its open
 * transactions uses, preferring one whose head it knows: then one statement does the whole append.
 * Call `settle` when the transaction has ended.
 */
export async function appendAuditEntries(
  trx: TransactionClientContract,
  actor: Actor,
  entries: AuditEntry[]
): Promise<AuditAppend | undefined> {
  if (entries.length === 0) return
  const chain = pickChain()
  chainsInUse.add(chain)
  try {
    const occurredAt = new Date().toISOString()
    const known = committedHeads.get(chain)
    let appended = known
      ? await appendIfHeadIs(trx, chain, known, entries, actor, occurredAt)
      : null
    if (!appended) {
      // Another process (or a transaction that rolled back) moved the head: lock it and read it.
      const locked = await preparedQuery(
        trx,
        'SELECT seq, hash FROM audit_chain_heads WHERE chain = ? FOR UPDATE',
        [chain]
      )
      const head = { seq: Number(locked.rows[0].seq), hash: locked.rows[0].hash }
      appended = await appendIfHeadIs(trx, chain, head, entries, actor, occurredAt)
      if (!appended) throw new Error(`audit chain ${chain}: the locked head changed`)
    }
    const newHead = appended
    return {
      settle(committed: boolean) {
        chainsInUse.delete(chain)
        if (committed) committedHeads.set(chain, newHead)
      },
    }
  } catch (error) {
    chainsInUse.delete(chain)
    throw error
  }
}

function pickChain(): number {
  const free = ALL_CHAINS.filter((chain) => !chainsInUse.has(chain))
  const known = free.filter((chain) => committedHeads.has(chain))
  const pool = known.length ? known : free.length ? free : ALL_CHAINS
  return pool[Math.floor(Math.random() * pool.length)]
}

/**
 * Inserts the rows chained on `head` and moves the head, in one statement, only if `head` is still
 * the chain's head (compared under the row lock the update takes). Returns the new head, or null
 * when the head had moved and nothing was written.
 */
async function appendIfHeadIs(
  trx: TransactionClientContract,
  chain: number,
  head: ChainHead,
  entries: AuditEntry[],
  actor: Actor,
  occurredAt: string
): Promise<ChainHead | null> {
  let seq = head.seq
  let prevHash = head.hash
  const values: unknown[] = []
  for (const entry of entries) {
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
    values.push(...rowValues(fields, prevHash, hash))
    prevHash = hash
  }
  const result = await preparedQuery(trx, appendSql(entries.length), [
    seq,
    prevHash,
    chain,
    head.seq,
    head.hash,
    ...values,
  ] as RawQueryBindings)
  return Number(result.rows[0].appended) === entries.length ? { seq, hash: prevHash } : null
}

const COLUMNS = [
  ['chain', 'smallint'],
  ['seq', 'bigint'],
  ['prev_hash', 'char(64)'],
  ['hash', 'char(64)'],
  ['occurred_at', 'timestamptz'],
  ['actor_id', 'bigint'],
  ['actor_role', 'varchar'],
  ['ip', 'varchar'],
  ['user_agent', 'text'],
  ['request_id', 'varchar'],
  ['entity_type', 'varchar'],
  ['entity_id', 'varchar'],
  ['action', 'varchar'],
  ['before', 'jsonb'],
  ['after', 'jsonb'],
] as const
const ROW = `(${COLUMNS.map(([, type]) => `?::${type}`).join(', ')})`

const appendSqlByRows = new Map<number, string>()

/** The conditional append for `rows` entries (one text per count: a prepared statement each). */
function appendSql(rows: number): string {
  let sql = appendSqlByRows.get(rows)
  if (!sql) {
    sql = buildAppendSql(rows)
    appendSqlByRows.set(rows, sql)
  }
  return sql
}

function buildAppendSql(rows: number): string {
  return `WITH head AS (
      UPDATE audit_chain_heads SET seq = ?, hash = ?
       WHERE chain = ? AND seq = ? AND hash = ?
      RETURNING chain
    ), appended AS (
      INSERT INTO audit_logs (${COLUMNS.map(([column]) => column).join(', ')})
      SELECT row.* FROM (VALUES ${Array(rows).fill(ROW).join(', ')}) AS row
       WHERE EXISTS (SELECT 1 FROM head)
      RETURNING 1
    )
    SELECT count(*) AS appended FROM appended`
}

/** The row's values in COLUMNS order. */
function rowValues(fields: HashedAuditFields, prevHash: string, hash: string): unknown[] {
  return [
    fields.chain,
    fields.seq,
    prevHash,
    hash,
    fields.occurredAt,
    fields.actorId,
    fields.actorRole,
    fields.ip,
    fields.userAgent,
    fields.requestId,
    fields.entityType,
    fields.entityId,
    fields.action,
    fields.before === null ? null : JSON.stringify(fields.before),
    fields.after === null ? null : JSON.stringify(fields.after),
  ]
}

/** Round-trips a value through JSON so the hash covers exactly what jsonb will give back. */
function normalizeJson(value: unknown): unknown {
  return value === undefined || value === null ? null : JSON.parse(JSON.stringify(value))
}
