import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { systemActor } from '#kernel/actor'
import { runInTransaction } from '#kernel/unit_of_work'
import { BalancesReportBuilder, balancesFile } from '#modules/reports/services/balances_report'
import { inReportSession } from '#modules/reports/services/monthly_facts'
import { ledgerPosition } from '#modules/reports/exports/ledger_position'
import { EXPORT_COLUMNS, type ExportRow } from '#modules/reports/exports/report_export_service'

/** A claim older than this is a worker that died: another takes the export over. */
const LEASE_SECONDS = Number(process.env.REPORT_EXPORT_LEASE_SECONDS ?? 600)
/** Builds tried before an export is marked failed (a report that fails every time stops there). */
const MAX_ATTEMPTS = 3

/**
 * The worker's side of report exports: claims the oldest waiting export (SKIP LOCKED, so any
 * number of workers share the queue), reads the report and its ledger position in one snapshot,
 * encodes the file and stores it. Progress by phase: reading 10, encoding 70, done 100. The
 * finished (or failed) export is audited in the transaction that stores it. Returns the id built,
 * null when nothing waits.
 */
export async function runNextExport(workerId: string): Promise<number | null> {
  const row = await claim(workerId)
  if (!row) return null
  try {
    const { params } = row
    const { report, position } = await inReportSession(
      async (trx) => ({
        position: await ledgerPosition(trx, params.groupBy),
        report: await new BalancesReportBuilder().build(
          params.groupBy,
          params.from,
          params.to,
          trx
        ),
      }),
      { isolationLevel: 'repeatable read' }
    )
    await progress(row.id, workerId, 'encoding', 70)
    const file = await balancesFile(report, params.format)
    const content = file.body
    const sha256 = createHash('sha256').update(content).digest('hex')
    await finish(
      row,
      workerId,
      `status = 'done', progress = 100, phase = NULL, error = NULL,
        content = ?, bytes = ?, sha256 = ?, row_count = ?, file_name = ?, content_type = ?,
        ledger_position = ?, finished_at = now()`,
      [content, content.length, sha256, report.rows.length, file.name, file.type, position]
    )
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    // a later claim tries again; the last attempt's failure stays
    const status = row.attempts >= MAX_ATTEMPTS ? 'failed' : 'queued'
    await finish(
      row,
      workerId,
      `status = ?, phase = NULL, progress = 0, error = ?,
       finished_at = CASE WHEN ? = 'failed' THEN now() END`,
      [status, message.slice(0, 1000), status]
    )
  }
  return Number(row.id)
}

async function claim(workerId: string): Promise<ExportRow | null> {
  const result = await db.rawQuery(
    `UPDATE report_exports
        SET status = 'running', phase = 'reading', progress = 10, claimed_by = ?,
            claimed_at = now(), started_at = coalesce(started_at, now()), attempts = attempts + 1
      WHERE id = (SELECT id FROM report_exports
                   WHERE status = 'queued'
                      OR (status = 'running' AND claimed_at < now() - make_interval(secs => ?))
                   ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING ${EXPORT_COLUMNS}`,
    [workerId, LEASE_SECONDS]
  )
  return result.rows[0] ?? null
}

/** A phase reached, while this worker still holds the claim. */
async function progress(id: number, workerId: string, phase: string, percent: number) {
  await db.rawQuery(
    `UPDATE report_exports SET phase = ?, progress = ?
      WHERE id = ? AND claimed_by = ? AND status = 'running'`,
    [phase, percent, id, workerId]
  )
}

/**
 * The export's end, written and audited in one transaction, only while this worker holds the
 * claim (a worker that outlived its lease and lost the export to another writes nothing).
 */
async function finish(row: ExportRow, workerId: string, set: string, bindings: unknown[]) {
  await runInTransaction(systemActor('report-export-worker'), async (uow) => {
    const result = await uow.trx.rawQuery(
      `UPDATE report_exports SET ${set}
        WHERE id = ? AND claimed_by = ? AND status = 'running'
        RETURNING ${EXPORT_COLUMNS}`,
      [...bindings, row.id, workerId] as any[]
    )
    const done: ExportRow | undefined = result.rows[0]
    if (!done) return
    uow.audit({
      entityType: 'report_export',
      entityId: Number(done.id),
      action: done.status === 'done' ? 'complete' : 'fail',
      after: {
        status: done.status,
        attempts: done.attempts,
        ledgerPosition: done.ledger_position,
        rowCount: done.row_count,
        bytes: done.bytes,
        sha256: done.sha256,
        error: done.error,
      },
    })
  })
}
