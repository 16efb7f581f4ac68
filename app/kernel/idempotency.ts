import { createHash } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { Conflict, InvalidInput } from '#kernel/errors'
import { canonicalJson } from '#kernel/canonical_json'

export interface StoredResponse {
  status: number
  body: unknown
  /** the JSON text sent, byte for byte (set once serialised, and on a replay: sent as it is) */
  text?: string
}

export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonicalJson(body)}`)
    .digest('hex')
}

export function assertValidKey(key: string) {
  if (key.length < 1 || key.length > 255) {
    throw new InvalidInput(
      'Idempotency-Key',
      'length',
      'Idempotency-Key must be 1 to 255 characters'
    )
  }
}

/**
 * Claims an idempotency key inside the operation's transaction. The key row is written with the
 * operation, so a failed operation frees the key again and a concurrent retry with the same key waits
 * on the row lock, then replays the stored response. Same key with a different request → 409.
 */
export async function claimKey(
  trx: TransactionClientContract,
  userId: number,
  key: string,
  fingerprint: string
): Promise<StoredResponse | null> {
  const inserted = await trx.rawQuery(
    `INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES (?, ?, ?)
     ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
    [userId, key, fingerprint]
  )
  if (inserted.rows.length) return null
  const existing = await trx.rawQuery(
    `SELECT request_hash, status_code, coalesce(response_text, response::text) AS text
       FROM idempotency_keys WHERE user_id = ? AND key = ?`,
    [userId, key]
  )
  const row = existing.rows[0]
  if (row.request_hash !== fingerprint) {
    throw new Conflict(
      'idempotency_conflict',
      'this Idempotency-Key was already used with a different request',
      undefined,
      'Idempotency-Key'
    )
  }
  return { status: row.status_code, body: JSON.parse(row.text), text: row.text }
}

/** Stores the response as the text sent (a replay returns these very bytes); returns it with it. */
export async function storeResponse(
  trx: TransactionClientContract,
  userId: number,
  key: string,
  response: StoredResponse
): Promise<StoredResponse> {
  const text = responseText(response)
  await trx.rawQuery(
    'UPDATE idempotency_keys SET status_code = ?, response_text = ? WHERE user_id = ? AND key = ?',
    [response.status, text, userId, key]
  )
  return { ...response, text }
}

export function responseText(response: StoredResponse): string {
  return response.text ?? JSON.stringify(response.body) ?? 'null'
}
