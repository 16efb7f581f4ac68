import db from '@adonisjs/lucid/services/db'
import { NotFound } from '#kernel/errors'
import { newestRows } from '#kernel/table_rows'
import { numberOrNull } from '#kernel/row_values'

/** A row of the view `report_run_progress` (migration 0290). */
interface ProgressRow {
  id: number
  schedule_id: number | null
  kind: string
  locale: string
  period_from: string
  period_to: string
  triggered_by: string
  status: string
  created_at: Date
  completed_at: Date | null
  total: string
  sent: string
  skipped: string
  done: string
  failed: string
  sending: string
  pending: string
  last_sent_at: Date | null
  rate_per_minute: string | null
  eta_seconds: string | null
}

/** A run as the API answers it: the run and its progress (counts, rate per minute, ETA). */
export function runView(row: ProgressRow) {
  return {
    id: Number(row.id),
    scheduleId: numberOrNull(row.schedule_id),
    kind: row.kind,
    locale: row.locale,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    triggeredBy: row.triggered_by,
    status: row.status,
    createdAt: row.created_at,
    completedAt: row.completed_at,
    progress: {
      total: Number(row.total),
      done: Number(row.done),
      sent: Number(row.sent),
      skipped: Number(row.skipped),
      failed: Number(row.failed),
      sending: Number(row.sending),
      pending: Number(row.pending),
      lastSentAt: row.last_sent_at,
      ratePerMinute: numberOrNull(row.rate_per_minute),
      etaSeconds: numberOrNull(row.eta_seconds),
    },
  }
}

export type RunView = ReturnType<typeof runView>

/** Runs with their progress, newest first; one aggregate over each run's deliveries. */
export async function listRunProgress(filters: { status?: string; limit: number }) {
  const rows = await newestRows<ProgressRow>(
    'SELECT * FROM report_run_progress',
    { status: filters.status },
    'id',
    filters.limit
  )
  return rows.map(runView)
}

export async function runProgress(runId: number): Promise<RunView> {
  const result = await db.rawQuery('SELECT * FROM report_run_progress WHERE id = ?', [runId])
  if (!result.rows[0]) throw new NotFound('report run')
  return runView(result.rows[0])
}
