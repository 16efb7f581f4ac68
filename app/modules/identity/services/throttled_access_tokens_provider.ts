import { AccessToken, DbAccessTokensProvider } from '@adonisjs/auth/access_tokens'
import type { LucidModel } from '@adonisjs/lucid/types/model'
import type { Secret } from '@adonisjs/core/helpers'

/** last_used_at is kept to the minute: writing it on every request costs a commit per request. */
const LAST_USED_PRECISION_MS = 60_000

/**
 * The database access-token provider, except that `last_used_at` is written at most once a minute
 * per token instead of on every request (every API call with one token would otherwise update the
 * same row, each in its own commit). Lookup, secret check and expiry check are exactly upstream's,
 * on every request.
 */
export class ThrottledAccessTokensProvider<
  TokenableModel extends LucidModel,
> extends DbAccessTokensProvider<TokenableModel> {
  async verify(tokenValue: Secret<string>): Promise<AccessToken | null> {
    const decoded = AccessToken.decode(this.prefix, tokenValue.release())
    if (!decoded) return null
    const db = await this.getDb()
    const row = await db
      .query()
      .from(this.table)
      .where({ id: decoded.identifier, type: this.type })
      .limit(1)
      .first()
    if (!row) return null

    const now = new Date()
    if (isStale(row.last_used_at, now)) {
      await db.from(this.table).where({ id: row.id, type: row.type }).update({ last_used_at: now })
    }
    row.last_used_at = now
    const token = this.dbRowToAccessToken(row)
    if (!token.verify(decoded.secret) || token.isExpired()) return null
    return token
  }
}

function isStale(lastUsedAt: Date | number | string | null, now: Date) {
  if (lastUsedAt === null || lastUsedAt === undefined) return true
  return now.getTime() - new Date(lastUsedAt).getTime() >= LAST_USED_PRECISION_MS
}
