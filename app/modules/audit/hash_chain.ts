import { createHash } from 'node:crypto'
import { canonicalJson } from '#kernel/canonical_json'

export { canonicalJson }

/** Number of independent hash chains: a transaction takes one no other holds, so writers rarely queue. */
export const AUDIT_CHAINS = 16
export const GENESIS_HASH = '0'.repeat(64)

/** The fields every hash version covers in the same form. */
export interface HashedFieldsCommon {
  chain: number
  actorRole: string | null
  ip: string | null
  userAgent: string | null
  requestId: string | null
  entityType: string
  entityId: string | null
  action: string
}

/** The fields a version 1 row's hash covers, as Node wrote them. */
export interface HashedFieldsV1 extends HashedFieldsCommon {
  seq: number
  occurredAt: string
  actorId: number | null
  before: unknown
  after: unknown
}

/** Version 1 (rows written before the hash moved into the database): sha256 over canonical JSON. */
export function rowHashV1(prevHash: string, row: HashedFieldsV1): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(row)).digest('hex')
}

/** A version 2 row as stored, in the text PostgreSQL gives (bigints as digits, jsonb as its text). */
export interface StoredFieldsV2 extends HashedFieldsCommon {
  seq: string
  /** occurred_at in UTC to the microsecond: YYYY-MM-DDTHH:MM:SS.ffffffZ */
  occurredAt: string
  actorId: string | null
  /** PostgreSQL's text of the stored jsonb (before::text), or null */
  before: string | null
  after: string | null
}

/**
 * Version 2, recomputed independently of the database function that wrote it (audit_row_hash):
 * sha256 of the previous hash followed by the fields as a jsonb array prints — items separated by
 * ", ", strings escaped as JSON.stringify escapes them (PostgreSQL's escape_json does the same),
 * numbers as digits, before/after as the stored jsonb's own text.
 */
export function rowHashV2(prevHash: string, row: StoredFieldsV2): string {
  const text = (value: string | null) => (value === null ? 'null' : JSON.stringify(value))
  const raw = (value: string | null) => value ?? 'null'
  const items = [
    String(row.chain),
    row.seq,
    text(row.occurredAt),
    raw(row.actorId),
    text(row.actorRole),
    text(row.ip),
    text(row.userAgent),
    text(row.requestId),
    text(row.entityType),
    text(row.entityId),
    text(row.action),
    raw(row.before),
    raw(row.after),
  ]
  return createHash('sha256')
    .update(`${prevHash}[${items.join(', ')}]`)
    .digest('hex')
}
