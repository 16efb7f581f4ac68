import { OBJECT, XLSX, answer, created, ok, tagged } from '#modules/api_docs/operation_kit'
import type { OperationTable } from '#modules/api_docs/openapi_types'
import { auditQueryValidator, historyValidator } from '#modules/audit/public'
import {
  balancesExportValidator,
  balancesQueryValidator,
  createScheduleValidator,
  deliveriesQueryValidator,
  runsQueryValidator,
  resendValidator,
  updateScheduleValidator,
} from '#modules/reports/public'

const AUDITORS = 'auditor, admin'
const pdf = { description: 'the PDF', contentType: 'application/pdf' }
const statementQuery = {
  type: 'object',
  properties: {
    from: { type: 'string', format: 'date' },
    to: { type: 'string', format: 'date' },
    locale: { enum: ['zh-CN', 'en'] },
  },
}

/** The audit log (操作日志) and reports (对账单, balances, schedules, deliveries). */
export const recordOperations: OperationTable = {
  ...tagged('audit', {
    'GET /audit-logs': {
      summary: 'The operation log (操作日志), newest first',
      roles: AUDITORS,
      query: auditQueryValidator,
      responses: ok('the entries', 'AuditEntryList'),
    },
    'GET /audit-logs/export': {
      summary: 'The filtered log as CSV (UTF-8 with BOM; the export is audited)',
      roles: AUDITORS,
      query: auditQueryValidator,
      responses: {
        200: { description: 'CSV', contentType: 'text/csv', schema: { type: 'string' } },
      },
    },
    'GET /audit-logs/history/:entityType/:id': {
      summary: 'A record’s state at a moment, and the changes that led there',
      roles: AUDITORS,
      query: historyValidator,
      pathTypes: { id: { type: 'string', maxLength: 64 } },
      responses: ok('the state', 'AuditHistory'),
    },
    'GET /audit/verify': {
      summary: 'Recompute the audit hash chains',
      roles: AUDITORS,
      responses: ok('the verdict', 'AuditVerification'),
    },
    'POST /audit/verify-runs': {
      summary: 'Queue a full re-verification of the audit chains from every genesis',
      roles: AUDITORS,
      responses: { 202: { description: 'queued', schema: 'AuditVerifyRun' } },
    },
    'GET /audit/verify-runs/:id': {
      summary: 'A verification run: status, progress, rate, ETA and the result',
      roles: AUDITORS,
      responses: ok('the run', 'AuditVerifyRun'),
    },
  }),
  ...tagged('backups', {
    'GET /backups': {
      summary: 'The backup catalogue (备份)',
      responses: ok('the backups', 'BackupList'),
    },
  }),
  ...tagged('reports', {
    'GET /reports/balances': {
      summary: 'Balances grouped by customer, project, period, channel or owner',
      query: balancesQueryValidator,
      responses: ok('JSON (format=json), CSV or XLSX', 'BalancesReport'),
    },
    'POST /reports/balances/exports': {
      summary: 'The balances report as a file built in the background (CSV or XLSX)',
      description:
        'Queues the export (202) or, when a file of the same report was built at the ledger’s ' +
        'current position (same lines, same names), answers it at once (200, cached: true). ' +
        'Poll GET /report-exports/:id for progress, then download its file.',
      idempotent: true,
      body: balancesExportValidator,
      responses: {
        200: answer('a finished file of the same report at the same ledger position', OBJECT),
        202: answer('queued (or joined a queued export of the same report)', OBJECT),
      },
    },
    'GET /report-exports/:id': {
      summary: 'A report export: status, phase, progress (0–100), rows, bytes, SHA-256',
      responses: ok('the export', OBJECT),
    },
    'GET /report-exports/:id/file': {
      summary:
        'A finished export’s file (409 export_not_ready before; 409 export_expired after ' +
        'REPORT_EXPORT_RETENTION_DAYS, when only its record stays)',
      responses: {
        200: { description: 'CSV or XLSX', contentType: XLSX, schema: { type: 'string' } },
      },
    },
    'GET /customers/:id/statement': {
      summary: '对账单 A customer’s statement as data',
      query: statementQuery,
      responses: ok('the statement model', 'Statement'),
    },
    'GET /customers/:id/statement.pdf': {
      summary: '对账单 A customer’s statement as PDF',
      description:
        'Above STATEMENT_DETAIL_ROWS movements the PDF lists one line per day (statement.xlsx has every line). A statement that would print more than STATEMENT_MAX_PRINTED_ROWS lines is refused before rendering: 422 statement_too_large (meta.rows, meta.limit).',
      query: statementQuery,
      responses: { 200: pdf },
    },
    'GET /customers/:id/statement.xlsx': {
      summary:
        '对账单 Every line of a customer’s statement as XLSX (the PDF lists days above STATEMENT_DETAIL_ROWS)',
      query: statementQuery,
      responses: { 200: { description: 'the workbook', contentType: XLSX } },
    },
    'GET /report-schedules': {
      summary: 'Report schedules',
      responses: ok('the schedules', 'ReportScheduleList'),
    },
    'POST /report-schedules': {
      summary: 'Create a report schedule',
      idempotent: true,
      body: createScheduleValidator,
      responses: created('created', 'ReportSchedule'),
    },
    'GET /report-schedules/:id': {
      summary: 'A report schedule',
      responses: ok('the schedule', 'ReportSchedule'),
    },
    'PATCH /report-schedules/:id': {
      summary: 'Change a report schedule',
      idempotent: true,
      body: updateScheduleValidator,
      responses: ok('changed', 'ReportSchedule'),
    },
    'DELETE /report-schedules/:id': {
      summary: 'Delete a schedule that never ran (409 schedule_has_runs)',
      idempotent: true,
      responses: {
        200: {
          description: 'deleted',
          schema: {
            type: 'object',
            required: ['deleted'],
            properties: { deleted: { const: true } },
          },
        },
      },
    },
    'GET /report-deliveries': {
      summary: 'Report deliveries',
      query: deliveriesQueryValidator,
      responses: ok('the deliveries', 'ReportDeliveryList'),
    },
    'GET /report-runs': {
      summary: 'Report runs with their progress (done/total, failed, rate per minute, ETA)',
      query: runsQueryValidator,
      responses: ok('the runs, newest first', 'ReportRunList'),
    },
    'GET /report-runs/:id': {
      summary: 'A report run and its progress',
      responses: ok('the run', 'ReportRun'),
    },
    'GET /report-deliveries/:id/pdf': {
      summary: 'A delivery’s PDF, the bytes sent (X-Content-SHA256)',
      responses: { 200: pdf },
    },
    'GET /report-deliveries/:id/xlsx': {
      summary:
        'Every line of a statement sent with a per-day PDF, as XLSX (409 not_rendered when the ' +
        'PDF listed every movement and no XLSX went with it)',
      responses: {
        200: { description: 'XLSX', contentType: XLSX, schema: { type: 'string' } },
      },
    },
    'POST /report-deliveries/:id/resend': {
      summary: 'Send a delivery again',
      idempotent: true,
      body: resendValidator,
      responses: ok('sent again', OBJECT),
    },
  }),
}
