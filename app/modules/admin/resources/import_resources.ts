import type { PanelModule } from '#modules/admin/panel/registry'
import { MENU, panelArea } from '#modules/admin/panel/panel_area'
import { pageAction } from '#modules/admin/panel/page_action'
import { instant, fields } from '#modules/admin/panel/resource_helpers'
import type { ColumnSpec, TableSpec } from '#modules/admin/panel/sql_resource'
import { IMPORT_KINDS } from '#modules/imports/public'

const importsArea = panelArea(MENU.imports, 'customers.write')

const columns: ColumnSpec[] = [
  { name: 'id', type: 'number', sortable: true },
  {
    name: 'kind',
    sql: 'import_jobs.kind',
    filter: 'exact',
    availableValues: [...IMPORT_KINDS],
  },
  {
    name: 'status',
    sql: 'import_jobs.status',
    filter: 'exact',
    availableValues: [
      'rejected',
      'validated',
      'awaiting_approval',
      'committed',
      'failed',
      'cancelled',
    ],
  },
  { name: 'fileName', sql: 'import_jobs.file_name', isTitle: true },
  { name: 'fileSha256', sql: 'import_jobs.file_sha256', filter: 'exact' },
  { name: 'totalRows', sql: 'import_jobs.total_rows', type: 'number' },
  { name: 'errorRows', sql: 'import_jobs.error_rows', type: 'number' },
  { name: 'postedRows', sql: 'import_jobs.posted_rows', type: 'number' },
  { name: 'skippedRows', sql: 'import_jobs.skipped_rows', type: 'number' },
  { name: 'createdBy', sql: 'import_jobs.created_by', reference: 'users', filter: 'exact' },
  instant('createdAt', 'import_jobs.created_at'),
  instant('committedAt', 'import_jobs.committed_at'),
  {
    name: 'errors',
    sql: 'import_jobs.errors',
    type: 'textarea',
    compute: (r) =>
      ((r.errors ?? []) as any[])
        .slice(0, 200)
        .map((e) => `${e.row} ${e.column ?? ''} ${e.rule}: ${e.message} / ${e.messageEn}`)
        .join('\n'),
  },
]

const spec: TableSpec = { id: 'import_jobs', table: 'import_jobs', columns }

/** 数据导入: the jobs, and the upload page (dry run, error report, commit) in one component. */
export const importsPanel: PanelModule = {
  name: 'imports',
  resources: () => [
    importsArea.resource(spec, {
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: fields('id kind status fileName totalRows errorRows postedRows createdAt'),
      showProperties: columns.map((c) => c.name),
      filterProperties: ['kind', 'status', 'createdBy', 'fileSha256'],
      actions: {
        upload: pageAction('Upload', 'ImportUpload', 'customers.write'),
      },
    }),
  ],
}
