import type { ActionContext } from 'adminjs'
import router from '@adonisjs/core/services/router'
import app from '@adonisjs/core/services/app'
import type { StoredResponse } from '#kernel/idempotency'
import {
  EXPORT_STATUSES,
  GROUP_BY,
  ReportExportService,
  balancesExportValidator,
} from '#modules/reports/public'
import { columnsOf } from '#modules/admin/panel/columns'
import type { AreaTable } from '#modules/admin/panel/panel_area'
import { formAction } from '#modules/admin/panel/form_action'
import { fields, showUrl } from '#modules/admin/panel/resource_helpers'
import { valueLabels } from '#modules/admin/panel/value_labels'
import { FORMATS } from '#modules/admin/resources/reports/report_labels'

const row = columnsOf('report_exports')
const param = (name: string) => `report_exports.params->>'${name}'`

/** The panel route of a finished export's file (panel session + reports.read). */
export const exportFilePath = (id: number | string) =>
  router.makeUrl('admin.report_exports.file', { id })

/** Never the file itself: lists and pages read everything but the bytes. */
export const exportTable: AreaTable = {
  table: 'report_exports',
  rowSql: `report_exports.id, report_exports.status, report_exports.progress,
           report_exports.file_name, report_exports.params`,
  columns: [
    row.id(),
    row.title((r) => r.file_name ?? `${r.params?.groupBy ?? ''} ${r.params?.from ?? ''}…`),
    {
      name: 'groupBy',
      sql: param('groupBy'),
      availableValues: [...GROUP_BY],
      labels: valueLabels('export_group_by'),
    },
    { name: 'from', sql: param('from'), type: 'date' },
    { name: 'to', sql: param('to'), type: 'date' },
    {
      name: 'format',
      sql: param('format'),
      availableValues: [...FORMATS],
      labels: valueLabels('export_format'),
    },
    row.choice('status', EXPORT_STATUSES, valueLabels('export_status')),
    { name: 'progress', sql: row.sql('progress'), compute: (r) => `${r.progress}%` },
    row.number('rowCount'),
    row.number('bytes'),
    row.field('sha256'),
    row.field('ledgerPosition'),
    row.text('error'),
    row.ref('requestedBy', 'users'),
    { name: 'file', compute: (r) => (r.status === 'done' ? exportFilePath(r.id) : '') },
    row.instant('createdAt'),
    row.instant('finishedAt'),
    row.instant('expiredAt'),
  ],
}

/**
 * 导出余额报表: the same request as POST /reports/balances/exports (validator, period rule,
 * service, audit). The export's page then shows its progress and, once done, its file.
 */
export const exportActions = {
  new: formAction({
    permission: 'reports.read',
    validator: balancesExportValidator,
    run: async (uow, input) =>
      app.container.make(ReportExportService).then((service) => service.request(uow, input)),
    done: (result: StoredResponse, context: ActionContext) => {
      const body = result.body as { id: number }
      return {
        redirectUrl: showUrl(context, 'report_exports', body.id),
        message: result.status === 200 ? 'exportReused' : 'exportQueued',
        options: { id: body.id },
      }
    },
  }),
  edit: { isAccessible: false },
  delete: { isAccessible: false },
  bulkDelete: { isAccessible: false },
}

export const exportOptions = {
  sort: { sortBy: 'id', direction: 'desc' as const },
  listProperties: fields('id groupBy from to format status progress file createdAt'),
  showProperties: fields(
    'label groupBy from to format status progress rowCount bytes sha256 ledgerPosition error file requestedBy createdAt finishedAt expiredAt'
  ),
  editProperties: fields('groupBy from to format'),
  filterProperties: ['status', 'requestedBy'],
  properties: {
    file: { components: { show: 'PdfLink', list: 'PdfLink' } },
    progress: { components: { show: 'ExportProgress' } },
  },
  actions: exportActions,
}
