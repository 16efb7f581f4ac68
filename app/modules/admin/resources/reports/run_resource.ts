import type { ResourceWithOptions } from 'adminjs'
import { tableResource, fields } from '#modules/admin/panel/resource_helpers'
import { columnsOf } from '#modules/admin/panel/columns'
import type { ColumnSpec } from '#modules/admin/panel/sql_resource'
import { valueLabels } from '#modules/admin/panel/value_labels'
import { KINDS, RUN_STATUSES } from '#modules/admin/resources/reports/report_labels'

const run = columnsOf('report_run_progress')

/** "1:02:05" (h:mm:ss): an ETA reads the same in both languages. */
export function clock(seconds: number | string | null): string {
  if (seconds === null || seconds === undefined) return '—'
  const total = Math.max(0, Math.round(Number(seconds)))
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${Math.floor(total / 3600)}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`
}

/** "7,350 / 10,000 (73.5%)" */
export function doneOfTotal(done: number | string, total: number | string): string {
  const [d, t] = [Number(done), Number(total)]
  const share = t > 0 ? ` (${((d * 100) / t).toFixed(1)}%)` : ''
  return `${d.toLocaleString('en-US')} / ${t.toLocaleString('en-US')}${share}`
}

/** The run list's columns: all read from the view report_run_progress (migration 0290). */
export const runColumns: ColumnSpec[] = [
  run.id(),
  run.title((row) => `${row.period_from} … ${row.period_to}`),
  run.choice('kind', KINDS, valueLabels('report_kind')),
  run.choice('status', RUN_STATUSES, valueLabels('run_status')),
  run.field('periodFrom'),
  run.field('periodTo'),
  { name: 'progress', sql: run.sql('done'), compute: (row) => doneOfTotal(row.done, row.total) },
  run.number('failed'),
  run.number('sending'),
  run.number('pending'),
  run.field('ratePerMinute'),
  { name: 'eta', sql: run.sql('etaSeconds'), compute: (row) => clock(row.eta_seconds) },
  run.instant('createdAt'),
  run.instant('completedAt'),
]

/** Statement runs and their progress (done/total, failures, rate, ETA); reads only. */
export function runsResource(navigation: { name: string; icon: string }): ResourceWithOptions {
  return tableResource(
    { id: 'report_runs', table: 'report_run_progress', columns: runColumns },
    'reports.read',
    {
      navigation,
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: fields('id kind status progress failed ratePerMinute eta createdAt'),
      showProperties: fields(
        'label kind status periodFrom periodTo progress failed sending pending ratePerMinute eta createdAt completedAt'
      ),
      filterProperties: ['kind', 'status'],
    }
  )
}
