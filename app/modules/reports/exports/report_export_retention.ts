import logger from '@adonisjs/core/services/logger'
import env from '#start/env'
import { systemActor } from '#kernel/actor'
import { runInTransaction } from '#kernel/unit_of_work'

export const DEFAULT_EXPORT_RETENTION_DAYS = 30

export interface ExportRetentionOptions {
  /** files finished longer ago than this many days go (REPORT_EXPORT_RETENTION_DAYS, default 30; 0 keeps them) */
  days?: number
  /** exports per transaction: short transactions, short locks */
  batchSize?: number
  /** "now", for tests */
  now?: Date
}

/**
 * Export files are caches of a report at a ledger position, a few KB to a few MB each; kept
 * forever they would fill the database. Past the retention window a finished export's bytes are
 * dropped and the row stays `expired`, with its digest, row count, ledger position and requester:
 * what was handed out stays on record, and asking again builds a new file. Each batch is one
 * transaction with one audit row (a system action: the ids and bytes it freed). Rows are taken
 * with SKIP LOCKED, so several workers may run it; the ledger and the audit log are out of reach.
 */
export async function expireExports(options: ExportRetentionOptions = {}) {
  const days =
    options.days ?? env.get('REPORT_EXPORT_RETENTION_DAYS', DEFAULT_EXPORT_RETENTION_DAYS)
  const total = { exports: 0, bytes: 0 }
  // 0 (or less) keeps every file: retention off
  if (!(days > 0)) return total
  const batchSize = options.batchSize ?? 500
  const cutoff = new Date((options.now ?? new Date()).getTime() - days * 86_400_000)
  for (;;) {
    const batch = await runInTransaction(systemActor('reports:export-retention'), async (uow) => {
      const result = await uow.trx.rawQuery(
        `UPDATE report_exports SET status = 'expired', content = NULL, expired_at = now()
          WHERE id IN (SELECT id FROM report_exports
                        WHERE status = 'done' AND finished_at < ?
                        ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
          RETURNING id, bytes`,
        [cutoff, batchSize]
      )
      const rows: Array<{ id: string; bytes: number | null }> = result.rows
      if (rows.length === 0) return null
      const ids = rows.map((row) => Number(row.id)).sort((a, b) => a - b)
      const bytes = rows.reduce((sum, row) => sum + (row.bytes ?? 0), 0)
      uow.audit({
        entityType: 'report_export',
        entityId: null,
        action: 'expire',
        after: { ids, bytes, retentionDays: days, cutoff: cutoff.toISOString() },
      })
      return { exports: ids.length, bytes }
    })
    if (!batch) break
    total.exports += batch.exports
    total.bytes += batch.bytes
  }
  if (total.exports) logger.info(total, 'report exports expired')
  return total
}
