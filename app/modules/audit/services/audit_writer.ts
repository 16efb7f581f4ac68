import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
import type { Actor } from '#modules/shared/actor'
import { AUDIT_CHAINS, chainHash } from '#modules/audit/hash_chain'
import { connectionOf, deferStatement } from '#modules/shared/pipelined_transactions'
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

/** Chains this process's open transactions append to: a new transaction picks another. */
const chainsInUse = new Set<number>()
const ALL_CHAINS = Array.from({ length: AUDIT_CHAINS }, (_, chain) => chain)
const LOCK_HEAD_SQL = 'SELECT seq, hash FROM audit_chain_heads WHERE chain = $1 FOR UPDATE'

/**
 * The hash chain a transaction appends its audit rows to. Its head is locked from the transaction's
 * first statement (sent in front of it, no round trip of its own), so the append at the end can
 * neither wait nor fail. Taken first and alone, the head lock cannot deadlock with row locks.
 * Writers only queue when they land on the same chain; this process never puts two of its open
 * transactions on one chain unless all are in use. Call `release` when the transaction has ended.
 */
export interface AuditChain {
  chain: number
  head: Promise<ChainHead>
  release(): void
}

export async function lockAuditChain(trx: TransactionClientContract): Promise<AuditChain> {
  const free = ALL_CHAINS.filter((candidate) => !chainsInUse.has(candidate))
  const pool = free.length ? free : ALL_CHAINS
  const chain = pool[Math.floor(Math.random() * pool.length)]
  chainsInUse.add(chain)
  let connection
  try {
    connection = await connectionOf(trx)
  } catch (error) {
    chainsInUse.delete(chain)
    throw error
  }
  const head = deferStatement(connection, LOCK_HEAD_SQL, [chain]).then(({ rows }) => ({
    seq: Number(rows[0].seq),
    hash: rows[0].hash as string,
  }))
  // A transaction that fails before its append never reads the head.
  head.catch(() => {})
  return { chain, head, release: () => chainsInUse.delete(chain) }
}

/**
 * Appends the entries to the transaction's chain in one statement, the last of the transaction:
 * it carries the COMMIT when it can (see pipelined_transactions.ts).
 */
export async function appendAuditEntries(
  trx: TransactionClientContract,
  actor: Actor,
  entries: AuditEntry[],
  { chain, head }: AuditChain
): Promise<void> {
  if (entries.length === 0) return
  const occurredAt = new Date().toISOString()
  let { seq, hash: prevHash } = await head
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
  await preparedQuery(
    trx,
    appendSql(entries.length),
    [seq, prevHash, chain, ...values] as RawQueryBindings,
    'commit'
  )
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

/** The append of `rows` entries (one text per count: a prepared statement each). */
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
      UPDATE audit_chain_heads SET seq = ?, hash = ? WHERE chain = ?
    )
    INSERT INTO audit_logs (${COLUMNS.map(([column]) => column).join(', ')})
    VALUES ${Array(rows).fill(ROW).join(', ')}`
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
