import type { PanelModule } from '#modules/admin/panel/registry'
import { MENU, panelArea } from '#modules/admin/panel/panel_area'
import { fields } from '#modules/admin/panel/resource_helpers'
import { deliveryActions, scheduleActions } from '#modules/admin/resources/reports/report_actions'
import { deliveryColumns, scheduleColumns } from '#modules/admin/resources/reports/report_columns'
import { runsResource } from '#modules/admin/resources/reports/run_resource'
import { exportOptions, exportTable } from '#modules/admin/resources/reports/export_resource'

const area = panelArea(MENU.reports, 'reports.read')

/** What a schedule's form edits; its page shows these and when it ran. */
const scheduleForm = fields(
  'name kind cronPreset cron timezone periodRule locale customerCodes recipients enabled'
)

function schedulesResource() {
  return area.resource(
    { table: 'report_schedules', columns: scheduleColumns },
    {
      sort: { sortBy: 'id', direction: 'asc' },
      listProperties: [
        'name',
        'kind',
        'cronPreset',
        'periodRule',
        'enabled',
        'lastRunAt',
        'nextRunAt',
      ],
      showProperties: [...scheduleForm, ...fields('lastRunAt nextRunAt createdBy updatedAt')],
      editProperties: scheduleForm,
      filterProperties: ['name', 'kind', 'enabled'],
      actions: scheduleActions,
    }
  )
}

function deliveriesResource() {
  return area.resource(
    {
      table: 'report_deliveries',
      // Never the stored PDF: lists and pages read everything but the bytes.
      rowSql: `report_deliveries.id, report_deliveries.file_name, report_deliveries.pdf_sha256,
               report_deliveries.sent_at, report_deliveries.created_at, report_deliveries.xlsx_file_name`,
      columns: deliveryColumns,
    },
    {
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: fields('id runId customerId status recipients attempts sentAt pdf'),
      showProperties: fields(
        'label status runId customerId recipients attempts sendCount error fileName pdfSha256 ledgerPosition pdf xlsx messageId sentAt createdAt'
      ),
      filterProperties: ['runId', 'customerId', 'status'],
      properties: {
        pdf: { components: { show: 'PdfLink', list: 'PdfLink' } },
        xlsx: { components: { show: 'PdfLink' } },
      },
      actions: deliveryActions,
    }
  )
}

/**
 * Reports (报表): schedules kept by finance managers, their runs' progress, the deliveries, and
 * balances reports exported in the background.
 */
export const reportsPanel: PanelModule = {
  name: 'reports',
  resources: () => [
    schedulesResource(),
    runsResource(MENU.reports),
    deliveriesResource(),
    area.resource(exportTable, exportOptions),
  ],
}
