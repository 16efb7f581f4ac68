import type { OperationTable } from '#modules/api_docs/openapi_types'
import { auditQueryValidator, historyValidator } from '#modules/audit/validators/audit_validators'
import {
  balancesQueryValidator,
  createScheduleValidator,
  deliveriesQueryValidator,
  runsQueryValidator,
  resendValidator,
  updateScheduleValidator,
} from '#modules/reports/validators/report_validators'

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
  'GET /audit-logs': {
    summary: 'The operation log (操作日志), newest first',
    tag: 'audit',
    roles: AUDITORS,
    query: auditQueryValidator,
    responses: { 200: { description: 'the entries', schema: 'AuditEntryList' } },
  },
  'GET /audit-logs/export': {
    summary: 'The filtered log as CSV (UTF-8 with BOM; the export is audited)',
    tag: 'audit',
    roles: AUDITORS,
    query: auditQueryValidator,
    responses: { 200: { description: 'CSV', contentType: 'text/csv', schema: { type: 'string' } } },
  },
  'GET /audit-logs/history/:entityType/:id': {
    summary: 'A record’s state at a moment, and the changes that led there',
    tag: 'audit',
    roles: AUDITORS,
    query: historyValidator,
    pathTypes: { id: { type: 'string', maxLength: 64 } },
    responses: { 200: { description: 'the state', schema: 'AuditHistory' } },
  },
  'GET /audit/verify': {
    summary: 'Recompute the audit hash chains',
    tag: 'audit',
    roles: AUDITORS,
    responses: { 200: { description: 'the verdict', schema: 'AuditVerification' } },
  },
  'POST /audit/verify-runs': {
    summary: 'Queue a full re-verification of the audit chains from every genesis',
    tag: 'audit',
    roles: AUDITORS,
    responses: { 202: { description: 'queued', schema: 'AuditVerifyRun' } },
  },
  'GET /audit/verify-runs/:id': {
    summary: 'A verification run: status, progress, rate, ETA and the result',
    tag: 'audit',
    roles: AUDITORS,
    responses: { 200: { description: 'the run', schema: 'AuditVerifyRun' } },
  },
  'GET /backups': {
    summary: 'The backup catalogue (备份)',
    tag: 'backups',
    responses: { 200: { description: 'the backups', schema: 'BackupList' } },
  },
  'GET /reports/balances': {
    summary: 'Balances grouped by customer, project, period, channel or owner',
    tag: 'reports',
    query: balancesQueryValidator,
    responses: {
      200: {
        description: 'JSON (format=json), CSV or XLSX',
        schema: 'BalancesReport',
      },
    },
  },
  'GET /customers/:id/statement': {
    summary: '对账单 A customer’s statement as data',
    tag: 'reports',
    query: statementQuery,
    responses: { 200: { description: 'the statement model', schema: 'Statement' } },
  },
  'GET /customers/:id/statement.pdf': {
    summary: '对账单 A customer’s statement as PDF',
    tag: 'reports',
    description:
      'Above STATEMENT_DETAIL_ROWS movements the PDF lists one line per day (statement.xlsx has every line). A statement that would print more than STATEMENT_MAX_PRINTED_ROWS lines is refused before rendering: 422 statement_too_large (meta.rows, meta.limit).',
    query: statementQuery,
    responses: { 200: pdf },
  },
  'GET /customers/:id/statement.xlsx': {
    summary:
      '对账单 Every line of a customer’s statement as XLSX (the PDF lists days above STATEMENT_DETAIL_ROWS)',
    tag: 'reports',
    query: statementQuery,
    responses: {
      200: {
        description: 'the workbook',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    },
  },
  'GET /report-schedules': {
    summary: 'Report schedules',
    tag: 'reports',
    responses: { 200: { description: 'the schedules', schema: 'ReportScheduleList' } },
  },
  'POST /report-schedules': {
    summary: 'Create a report schedule',
    tag: 'reports',
    idempotent: true,
    body: createScheduleValidator,
    responses: { 201: { description: 'created', schema: 'ReportSchedule' } },
  },
  'GET /report-schedules/:id': {
    summary: 'A report schedule',
    tag: 'reports',
    responses: { 200: { description: 'the schedule', schema: 'ReportSchedule' } },
  },
  'PATCH /report-schedules/:id': {
    summary: 'Change a report schedule',
    tag: 'reports',
    idempotent: true,
    body: updateScheduleValidator,
    responses: { 200: { description: 'changed', schema: 'ReportSchedule' } },
  },
  'DELETE /report-schedules/:id': {
    summary: 'Delete a schedule that never ran (409 schedule_has_runs)',
    tag: 'reports',
    idempotent: true,
    responses: {
      200: {
        description: 'deleted',
        schema: { type: 'object', required: ['deleted'], properties: { deleted: { const: true } } },
      },
    },
  },
  'GET /report-runs': {
    summary: 'Report runs with their progress (done/total, failed, rate per minute, ETA)',
    tag: 'reports',
    query: runsQueryValidator,
    responses: { 200: { description: 'the runs, newest first', schema: 'ReportRunList' } },
  },
  'GET /report-runs/:id': {
    summary: 'A report run and its progress',
    tag: 'reports',
    responses: { 200: { description: 'the run', schema: 'ReportRun' } },
  },
  'GET /report-deliveries': {
    summary: 'Report deliveries',
    tag: 'reports',
    query: deliveriesQueryValidator,
    responses: { 200: { description: 'the deliveries', schema: 'ReportDeliveryList' } },
  },
  'GET /report-deliveries/:id/pdf': {
    summary: 'A delivery’s PDF',
    tag: 'reports',
    responses: { 200: pdf },
  },
  'POST /report-deliveries/:id/resend': {
    summary: 'Send a delivery again',
    tag: 'reports',
    idempotent: true,
    body: resendValidator,
    responses: { 200: { description: 'sent again', schema: { type: 'object' } } },
  },
}
