import { Filter } from 'adminjs'
import { runInTransaction } from '#kernel/unit_of_work'
import { csvDocument } from '#kernel/csv'
import type { Actor } from '#kernel/actor'
import type { PanelUser } from '#modules/admin/panel/panel_user'
import { SqlResource, SqlTable } from '#modules/admin/panel/sql_resource'
import { AUDIT_CSV_COLUMNS, auditLogSpec } from '#modules/admin/resources/audit_resources'

/** Rows per export: beyond this the auditor narrows the filters (the CSV says so in its last line). */
export const EXPORT_LIMIT = 50_000

/**
 * The audit log as CSV with the list page's filters; the export itself is an audit row
 * (action 'export', with the filters and the number of rows).
 */
export async function exportAuditCsv(
  actor: Actor,
  user: PanelUser,
  filters: Record<string, unknown>
): Promise<string> {
  const resource = new SqlResource(new SqlTable(auditLogSpec))
  const filter = new Filter(filters, resource)
  const records = await resource.find(
    filter,
    { limit: EXPORT_LIMIT + 1, offset: 0, sort: { sortBy: 'id', direction: 'desc' } },
    { currentAdmin: user }
  )
  const truncated = records.length > EXPORT_LIMIT
  const rows: unknown[][] = records
    .slice(0, EXPORT_LIMIT)
    .map((record) => AUDIT_CSV_COLUMNS.map((c) => record.params[c]))
  if (truncated) rows.push([`truncated at ${EXPORT_LIMIT} rows: narrow the filters`])
  await runInTransaction(actor, async (uow) => {
    uow.audit({
      entityType: 'audit_log',
      entityId: null,
      action: 'export',
      after: { format: 'csv', filters, rows: Math.min(records.length, EXPORT_LIMIT), truncated },
    })
  })
  return csvDocument(AUDIT_CSV_COLUMNS, rows)
}
