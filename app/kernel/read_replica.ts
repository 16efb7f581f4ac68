import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import env from '#start/env'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * Where heavy reads run: a streaming replica when DATABASE_REPLICA_URL names one, else the primary.
 *
 * A replica replays the primary's WAL a little later, so a report asked for right after a posting
 * could miss it. A read first notes how far the primary's WAL has gone, then waits (at most
 * REPLICA_MAX_WAIT_MS, 2 s by default) until the replica has replayed that far: the reader sees
 * everything committed before its request, as on the primary. A replica that is down, or further
 * behind than the wait, is passed over for the primary (logged), so reads never fail because of it.
 */
export class ReadRouting {
  constructor(
    private primary: string | undefined,
    private replica: string | undefined,
    private maxWaitMs: number
  ) {}

  async client(): Promise<QueryClientContract> {
    const primary = db.connection(this.primary)
    if (!this.replica) return primary
    try {
      const position = await primary.rawQuery('SELECT pg_current_wal_lsn()::text AS lsn')
      const target = position.rows[0].lsn as string
      const replica = db.connection(this.replica)
      if (await this.caughtUp(replica, target)) return replica
      logger.warn({ target, maxWaitMs: this.maxWaitMs }, 'read replica behind: reading the primary')
    } catch (error) {
      logger.warn({ err: error }, 'read replica unreachable: reading the primary')
    }
    return primary
  }

  private async caughtUp(replica: QueryClientContract, target: string) {
    const deadline = Date.now() + this.maxWaitMs
    for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
      // NULL: not a standby at all (DATABASE_REPLICA_URL names the primary): nothing to wait for
      const replayed = await replica.rawQuery(
        'SELECT coalesce(pg_last_wal_replay_lsn() >= ?::pg_lsn, true) AS caught_up',
        [target]
      )
      if (replayed.rows[0].caught_up) return true
      if (Date.now() + pause > deadline) return false
      await new Promise((resolve) => setTimeout(resolve, pause))
    }
  }
}

const configured = new ReadRouting(
  undefined,
  env.get('DATABASE_REPLICA_URL') ? 'replica' : undefined,
  env.get('REPLICA_MAX_WAIT_MS', 2000)
)

/** The client for a report, statement or list read (the replica when configured and caught up). */
export function readClient(): Promise<QueryClientContract> {
  return configured.client()
}
