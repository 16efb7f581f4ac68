import { MENU, panelArea } from '#modules/admin/panel/panel_area'
import type { ResourceWithOptions } from 'adminjs'
import { displayInstant } from '#modules/admin/panel/format'
import { fields } from '#modules/admin/panel/resource_helpers'
import { pageAction } from '#modules/admin/panel/page_action'
import type { ColumnSpec, TableSpec } from '#modules/admin/panel/sql_resource'
import { entryCodes } from '#modules/admin/panel/entry_catalogue'
import { ROLES } from '#modules/identity/public'
import { AUDIT_USER_AGENT_SQL } from '#modules/audit/public'
import { auditDiff } from '#modules/admin/services/audit_readable'
import { historyAction, verifyChainAction } from '#modules/admin/resources/audit_tools'

const auditArea = panelArea(MENU.audit, 'audit.read')

const json = (value: unknown) =>
  value === null || value === undefined ? '' : JSON.stringify(value)

const columns: ColumnSpec[] = [
  { name: 'id', type: 'number', sortable: true },
  {
    name: 'occurredAt',
    type: 'datetime',
    sql: 'audit_logs.occurred_at',
    filter: 'range',
    compute: (r) => displayInstant(r.occurredAt),
  },
  { name: 'actorId', sql: 'audit_logs.actor_id', reference: 'users', filter: 'exact' },
  // coded columns: their words come from the panel_entry catalogue (actorRole.finance_manager…)
  {
    name: 'actorRole',
    sql: 'audit_logs.actor_role',
    filter: 'exact',
    availableValues: [...ROLES, 'system'],
  },
  // no filter: an index on ip for every audit row would cost each posting (issue 20)
  { name: 'ip', sql: 'audit_logs.ip' },
  {
    name: 'entityType',
    sql: 'audit_logs.entity_type',
    filter: 'exact',
    availableValues: entryCodes('entityTypes'),
  },
  { name: 'entityId', sql: 'audit_logs.entity_id', filter: 'exact' },
  // a posting's audit row keeps references and the journal's digest (migration 0280): the
  // journal it records is linked here
  {
    name: 'journalId',
    sql: "CASE WHEN audit_logs.entity_type = 'journal' THEN audit_logs.entity_id END",
    reference: 'journals',
  },
  {
    name: 'action',
    sql: 'audit_logs.action',
    filter: 'exact',
    isTitle: true,
    availableValues: entryCodes('auditActions'),
  },
  // what the row changed, field by field (shown by AuditDiff with the fields' labels)
  {
    name: 'diff',
    compute: (r) => JSON.stringify(auditDiff(r.before, r.after)),
  },
  { name: 'before', sql: 'audit_logs.before', type: 'textarea', compute: (r) => json(r.before) },
  { name: 'after', sql: 'audit_logs.after', type: 'textarea', compute: (r) => json(r.after) },
  // inline on older rows, through its id in audit_user_agents since migration 0310
  { name: 'userAgent', sql: AUDIT_USER_AGENT_SQL },
  { name: 'requestId', sql: 'audit_logs.request_id' },
  { name: 'chain', sql: 'audit_logs.chain', type: 'number' },
  { name: 'seq', sql: 'audit_logs.seq', type: 'number' },
  { name: 'hash', sql: 'audit_logs.hash' },
]

/** The operation log (操作日志): filters on indexed columns, newest first, never a full count. */
// The columns read only their aliases: no second copy of the before/after JSON per row.
export const auditLogSpec: TableSpec = {
  id: 'audit_logs',
  table: 'audit_logs',
  big: true,
  columns,
  rowSql: 'audit_logs.id',
}

/** Columns of the CSV export, in order. */
export const AUDIT_CSV_COLUMNS = fields(
  'id occurredAt actorId actorRole ip entityType entityId action before after requestId hash'
)

export function auditResources(): ResourceWithOptions[] {
  return [
    auditArea.resource(auditLogSpec, {
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: fields('id occurredAt actorId actorRole entityType entityId action'),
      showProperties: columns.map((c) => c.name).filter((n) => n !== 'before' && n !== 'after'),
      properties: { diff: { components: { show: 'AuditDiff' } } },
      filterProperties: fields('occurredAt actorId actorRole entityType entityId action'),
      actions: {
        verifyChain: verifyChainAction,
        history: historyAction,
        exportCsv: pageAction('Download', 'CsvExport', 'audit.read'),
      },
    }),
  ]
}
