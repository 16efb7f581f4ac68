import router from '@adonisjs/core/services/router'
import { nextFire } from '#modules/reports/public'
import { PRESET_CODES, presetOf } from '#modules/admin/resources/reports/schedule_form'
import { PERIOD_RULES } from '#modules/reports/public'
import { columnsOf } from '#modules/admin/panel/columns'
import { displayInstant } from '#modules/admin/panel/format'
import type { ColumnSpec } from '#modules/admin/panel/sql_resource'
import { namedLabels, valueLabels } from '#modules/admin/panel/value_labels'
import { DELIVERY_STATUSES, KINDS, LOCALES } from '#modules/admin/resources/reports/report_labels'

// a language is named as the panel's language selector names it (panel.json), in its own words
const localeLabels = namedLabels('panel.components.LanguageSelector.availableLanguages', false)

/** The panel route that streams a delivery's stored PDF (panel session + reports.read). */
export const deliveryPdfPath = (id: number | string) =>
  router.makeUrl('admin.report_deliveries.pdf', { id })

/** The panel route of a delivery's stored XLSX (a statement summarised per day). */
export const deliveryXlsxPath = (id: number | string) =>
  router.makeUrl('admin.report_deliveries.xlsx', { id })

const schedule = columnsOf('report_schedules')

export const scheduleColumns: ColumnSpec[] = [
  schedule.id(),
  schedule.field('name', { isTitle: true, filter: 'ilike' }),
  schedule.choice('kind', KINDS, valueLabels('report_kind')),
  // added by C: a preset (每月1日 08:00…) or custom, read from the cron
  schedule.field('cronPreset', {
    sql: schedule.sql('cron'),
    compute: (row) => presetOf(row.cron),
    availableValues: PRESET_CODES,
  }),
  schedule.field('cron'),
  schedule.field('timezone'),
  schedule.choice('periodRule', PERIOD_RULES, valueLabels('report_period'), {
    filter: undefined,
  }),
  schedule.choice('locale', LOCALES, localeLabels, { filter: undefined }),
  schedule.list('customerIds'),
  {
    name: 'customerCodes',
    sql: `(SELECT string_agg(c.code || ' ' || c.name, ', ' ORDER BY c.code) FROM customers c
            WHERE c.id = ANY(report_schedules.customer_ids))`,
  },
  schedule.list('recipients'),
  schedule.flag('enabled', { filter: 'exact' }),
  schedule.instant('lastFiredAt'),
  // the last run that happened (none yet: 从未运行), never the creation time
  {
    name: 'lastRunAt',
    sql: '(SELECT max(r.created_at) FROM report_runs r WHERE r.schedule_id = report_schedules.id)',
    compute: (row) => (row.lastRunAt ? displayInstant(row.lastRunAt) : '从未运行 · never'),
  },
  {
    name: 'nextRunAt',
    compute: (row) =>
      row.enabled ? displayInstant(nextFire(row.cron, row.timezone, new Date())) : '',
  },
  schedule.ref('createdBy', 'users'),
  schedule.instant('updatedAt'),
]

const delivery = columnsOf('report_deliveries')

export const deliveryColumns: ColumnSpec[] = [
  delivery.id(),
  delivery.title((row) => row.file_name ?? ''),
  delivery.ref('runId', 'report_runs', { filter: 'exact' }),
  delivery.ref('customerId', 'customers', { filter: 'exact' }),
  delivery.choice('status', DELIVERY_STATUSES, valueLabels('delivery_status')),
  delivery.list('recipients'),
  delivery.number('attempts'),
  delivery.number('sendCount'),
  delivery.text('error'),
  delivery.field('fileName'),
  delivery.field('pdfSha256'),
  delivery.number('ledgerPosition'),
  delivery.field('messageId'),
  { name: 'pdf', compute: (row) => (row.pdf_sha256 ? deliveryPdfPath(row.id) : '') },
  // every line of a statement whose PDF lists days (issue 20)
  { name: 'xlsx', compute: (row) => (row.xlsx_file_name ? deliveryXlsxPath(row.id) : '') },
  delivery.instant('sentAt'),
  delivery.instant('createdAt'),
]
