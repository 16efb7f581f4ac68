import { AccessToken, DbAccessTokensProvider } from '@adonisjs/auth/access_tokens'
import type { LucidModel } from '@adonisjs/lucid/types/model'
import type { Secret } from '@adonisjs/core/helpers'
import { preparedQuery } from '#kernel/prepared_statement'

/** last_used_at is kept to the minute: writing it on every request costs a commit per request. */
const LAST_USED_PRECISION_MS = 60_000

/** The columns of Adonis's access-tokens table, read beside the user's under this prefix. */
const TOKEN_COLUMNS = [
  'id',
  'tokenable_id',
  'type',
  'name',
  'hash',
  'abilities',
  'created_at',
  'updated_at',
  'last_used_at',
  'expires_at',
]
const PREFIX = 'token__'
const SELECTED_TOKEN_COLUMNS = TOKEN_COLUMNS.map(
  (column) => `t.${column} AS ${PREFIX}${column}`
).join(', ')

/**
 * The database access-token provider, except that
 *  - `verifyWithTokenable` reads the token and its user in one query (the guard would read the
 *    token, then the user: two round trips on every API call);
 *  - `last_used_at` is written at most once a minute per token instead of on every request (every
 *    API call with one token would otherwise update the same row, each in its own commit).
 * The secret check and the expiry check are exactly upstream's, on every request.
 */
export class ThrottledAccessTokensProvider<
  TokenableModel extends LucidModel,
> extends DbAccessTokensProvider<TokenableModel> {
  /** The joined lookup's text, built on first use (the table names are known by then). */
  private joinedSql: string | undefined

  async verify(tokenValue: Secret<string>): Promise<AccessToken | null> {
    const verified = await this.verifyWithTokenable(tokenValue)
    return verified?.token ?? null
  }

  /** The token and the raw row of its owner (the tokenable model's table), or null. */
  async verifyWithTokenable(
    tokenValue: Secret<string>
  ): Promise<{ token: AccessToken; tokenable: Record<string, unknown> } | null> {
    const decoded = AccessToken.decode(this.prefix, tokenValue.release())
    if (!decoded) return null
    const db = await this.getDb()
    this.joinedSql ??= `SELECT o.*, ${SELECTED_TOKEN_COLUMNS}
        FROM ${this.table} t JOIN ${this.options.tokenableModel.table} o ON o.id = t.tokenable_id
       WHERE t.id = ? AND t.type = ? LIMIT 1`
    const result = await preparedQuery(db, this.joinedSql, [decoded.identifier, this.type])
    const joined = result.rows[0]
    if (!joined) return null
    const { row, tokenable } = splitJoinedRow(joined)

    const now = new Date()
    if (isStale(row.last_used_at, now)) {
      await db.from(this.table).where({ id: row.id, type: row.type }).update({ last_used_at: now })
    }
    row.last_used_at = now
    const token = this.dbRowToAccessToken(row as any)
    if (!token.verify(decoded.secret) || token.isExpired()) return null
    return { token, tokenable }
  }
}

function splitJoinedRow(joined: Record<string, any>) {
  const row: Record<string, any> = {}
  const tokenable: Record<string, unknown> = {}
  for (const [column, value] of Object.entries(joined)) {
    if (column.startsWith(PREFIX)) row[column.slice(PREFIX.length)] = value
    else tokenable[column] = value
  }
  return { row, tokenable }
}

function isStale(lastUsedAt: Date | number | string | null, now: Date) {
  if (lastUsedAt === null || lastUsedAt === undefined) return true
  return now.getTime() - new Date(lastUsedAt).getTime() >= LAST_USED_PRECISION_MS
}
