import db from '@adonisjs/lucid/services/db'
import { Conflict, NotFound } from '#kernel/errors'
import type { Download } from '#kernel/download'
import type { UnitOfWork } from '#kernel/unit_of_work'
import type { StoredResponse } from '#kernel/idempotency'
import type { GroupBy } from '#modules/reports/services/balances_report'
import { ledgerPosition } from '#modules/reports/exports/ledger_position'
import { parsePeriod } from '#modules/reports/services/report_period'

export interface BalancesExportParams {
  groupBy: GroupBy
  from: string
  to: string
  format: 'csv' | 'xlsx'
}

/** An export's life (the table's CHECK, migrations 0340 and 0350). */
export const EXPORT_STATUSES = ['queued', 'running', 'done', 'failed', 'expired'] as const

export interface ExportRow {
  id: number
  kind: 'balances'
  params: BalancesExportParams
  status: (typeof EXPORT_STATUSES)[number]
  phase: string | null
  progress: number
  ledger_position: string | null
  claimed_by: string | null
  attempts: number
  file_name: string | null
  content_type: string | null
  bytes: number | null
  sha256: string | null
  row_count: number | null
  error: string | null
  requested_by: number
  created_at: Date
  started_at: Date | null
  finished_at: Date | null
  expired_at: Date | null
}

/** Every column but the file itself (a list or a status poll never carries it). */
export const EXPORT_COLUMNS = `id, kind, params, status, phase, progress, ledger_position, claimed_by,
  attempts, file_name, content_type, bytes, sha256, row_count, error, requested_by, created_at,
  started_at, finished_at, expired_at`

/** The parameters as one text, the same for the same report whatever the order they came in. */
export function paramsKey(params: BalancesExportParams): string {
  return `balances:${params.groupBy}:${params.from}:${params.to}:${params.format}`
}

export function exportView(row: ExportRow) {
  return {
    id: Number(row.id),
    kind: row.kind,
    params: row.params,
    status: row.status,
    phase: row.phase,
    progress: row.progress,
    ledgerPosition: row.ledger_position,
    rowCount: row.row_count,
    bytes: row.bytes,
    sha256: row.sha256 ? row.sha256.trim() : null,
    fileName: row.file_name,
    contentType: row.content_type,
    error: row.error,
    requestedBy: Number(row.requested_by),
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    expiredAt: row.expired_at,
  }
}

/**
 * Report exports (issue 20, heavy reports as jobs): a request reuses the newest finished file of
 * the same parameters built at the ledger's current position (200, `cached: true`), joins one of
 * them still waiting in the queue, or queues a new one (202); the worker builds it
 * (report_export_runner.ts). The request is audited in its transaction; the row is the durable
 * queue, so nothing is lost between the commit and the worker.
 */
export class ReportExportService {
  async request(uow: UnitOfWork, input: BalancesExportParams): Promise<StoredResponse> {
    const params = { ...input, ...parsePeriod(input.from, input.to) }
    const key = paramsKey(params)
    const position = await ledgerPosition(uow.trx, params.groupBy)
    const cached = await uow.trx.rawQuery(
      `SELECT ${EXPORT_COLUMNS} FROM report_exports
        WHERE status = 'done' AND params_key = ? AND ledger_position = ?
        ORDER BY id DESC LIMIT 1`,
      [key, position]
    )
    if (cached.rows[0])
      return { status: 200, body: { ...exportView(cached.rows[0]), cached: true } }
    // one not started yet will read the ledger when it starts, so it serves this request too
    const queued = await uow.trx.rawQuery(
      `SELECT ${EXPORT_COLUMNS} FROM report_exports
        WHERE status = 'queued' AND params_key = ? ORDER BY id DESC LIMIT 1`,
      [key]
    )
    if (queued.rows[0])
      return { status: 202, body: { ...exportView(queued.rows[0]), cached: false } }
    const inserted = await uow.trx.rawQuery(
      `INSERT INTO report_exports (kind, params, params_key, requested_by)
       VALUES ('balances', ?::jsonb, ?, ?) RETURNING ${EXPORT_COLUMNS}`,
      [JSON.stringify(params), key, uow.actor.userId] as any[]
    )
    const view = exportView(inserted.rows[0])
    uow.audit({
      entityType: 'report_export',
      entityId: view.id,
      action: 'request',
      after: { kind: view.kind, params },
    })
    return { status: 202, body: { ...view, cached: false } }
  }

  async find(id: number) {
    const result = await db.rawQuery(`SELECT ${EXPORT_COLUMNS} FROM report_exports WHERE id = ?`, [
      id,
    ])
    if (!result.rows[0]) throw new NotFound('report export')
    return exportView(result.rows[0])
  }

  /** A finished export's file, with its digest and ledger position (409 before it is done). */
  async download(id: number): Promise<Download> {
    const result = await db.rawQuery(
      `SELECT ${EXPORT_COLUMNS}, content FROM report_exports WHERE id = ?`,
      [id]
    )
    const row = result.rows[0]
    if (!row) throw new NotFound('report export')
    if (row.status === 'expired') {
      throw new Conflict('export_expired', 'the export’s file has expired: ask for it again', {
        expiredAt: row.expired_at,
      })
    }
    if (row.status !== 'done') {
      throw new Conflict('export_not_ready', `the export is ${row.status}, not done`, {
        status: row.status,
      })
    }
    return {
      type: row.content_type,
      name: row.file_name,
      body: row.content,
      headers: { 'X-Content-SHA256': row.sha256.trim(), 'X-Ledger-Position': row.ledger_position },
    }
  }
}
