import type { ActionContext, ResourceWithOptions } from 'adminjs'
import app from '@adonisjs/core/services/app'
import { nextFire } from '#modules/reports/services/cron'
import { DeliveryService } from '#modules/reports/services/delivery_service'
import { PERIOD_RULES } from '#modules/reports/services/report_period'
import { ScheduleService, withScheduleDefaults } from '#modules/reports/services/schedule_service'
import {
  createScheduleValidator,
  resendValidator,
  updateScheduleValidator,
} from '#modules/reports/validators/report_validators'
import { displayInstant } from '#modules/admin/panel/format'
import { formHandler, type FormDone } from '#modules/admin/panel/form_action'
import { allows, can, type PanelUser } from '#modules/admin/panel/panel_user'
import type { PanelModule } from '#modules/admin/panel/registry'
import { instant, labelled, showUrl, tableResource } from '#modules/admin/panel/resource_helpers'

const nav = { name: 'reports', icon: 'FileText' }
const KINDS = ['statements', 'exec_pack'] as const
const LOCALES = ['zh-CN', 'en'] as const
const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const

const KIND_LABELS: Record<string, string> = {
  statements: '客户对账单 statements',
  exec_pack: '管理层月报 executive pack',
}
const PERIOD_LABELS: Record<string, string> = {
  previous_month: '上月 previous month',
  previous_week: '上周 previous week',
  previous_quarter: '上季度 previous quarter',
}
const LOCALE_LABELS: Record<string, string> = { 'zh-CN': '简体中文', 'en': 'English' }
const DELIVERY_LABELS: Record<string, string> = {
  pending: '待发送 pending',
  sending: '发送中 sending',
  sent: '已发送 sent',
  failed: '失败 failed',
  skipped: '已跳过 skipped',
}

/** The panel route that streams a delivery's stored PDF (panel session + reports.read). */
export const deliveryPdfPath = (id: number | string) => `/admin/reports/deliveries/${id}/pdf`

const schedules = () => app.container.make(ScheduleService)
const deliveries = () => app.container.make(DeliveryService)

const list = (value: unknown) =>
  String(value ?? '')
    .split(/[,，;；\s]+/)
    .filter(Boolean)

/**
 * The schedule form → the validator's input: customer ids and recipients typed comma-separated
 * (blank: every customer / nobody), `enabled` from the checkbox. The forms post every field they
 * changed and blanks are dropped, so an absent value means cleared; an untouched checkbox on the
 * new form is shown unticked and means false.
 */
function scheduleInput(data: any) {
  const { customerIds, recipients, enabled, ...rest } = data ?? {}
  const ids = list(customerIds)
  return {
    ...rest,
    customerIds: ids.length ? ids.map(Number) : null,
    recipients: list(recipients),
    enabled: enabled === true || enabled === 'true',
  }
}

const scheduleDone = (
  schedule: { id: number; name: string },
  context: ActionContext
): FormDone => ({
  redirectUrl: showUrl(context, 'report_schedules', schedule.id),
  message: 'scheduleSaved',
  options: { name: schedule.name },
})

function reportResources(): ResourceWithOptions[] {
  const scheduleForm = [
    'name',
    'kind',
    'cron',
    'timezone',
    'periodRule',
    'locale',
    'customerIds',
    'recipients',
    'enabled',
  ]
  return [
    tableResource(
      {
        id: 'report_schedules',
        table: 'report_schedules',
        columns: [
          { name: 'id', type: 'number', sortable: true },
          { name: 'name', sql: 'report_schedules.name', isTitle: true, filter: 'ilike' },
          {
            name: 'kind',
            sql: 'report_schedules.kind',
            availableValues: [...KINDS],
            filter: 'exact',
          },
          { name: 'cron', sql: 'report_schedules.cron' },
          { name: 'timezone', sql: 'report_schedules.timezone' },
          {
            name: 'periodRule',
            sql: 'report_schedules.period_rule',
            availableValues: [...PERIOD_RULES],
          },
          { name: 'locale', sql: 'report_schedules.locale', availableValues: [...LOCALES] },
          {
            name: 'customerIds',
            sql: "array_to_string(report_schedules.customer_ids, ', ')",
          },
          { name: 'recipients', sql: "array_to_string(report_schedules.recipients, ', ')" },
          {
            name: 'enabled',
            sql: 'report_schedules.enabled',
            type: 'boolean',
            filter: 'exact',
          },
          instant('lastFiredAt', 'report_schedules.last_fired_at'),
          {
            name: 'nextRunAt',
            compute: (row) =>
              row.enabled ? displayInstant(nextFire(row.cron, row.timezone, new Date())) : '',
          },
          { name: 'createdBy', sql: 'report_schedules.created_by', reference: 'users' },
          instant('updatedAt', 'report_schedules.updated_at'),
        ],
      },
      'reports.read',
      {
        navigation: nav,
        sort: { sortBy: 'id', direction: 'asc' },
        listProperties: ['name', 'kind', 'cron', 'periodRule', 'enabled', 'nextRunAt'],
        showProperties: [
          'name',
          'kind',
          'cron',
          'timezone',
          'periodRule',
          'locale',
          'customerIds',
          'recipients',
          'enabled',
          'lastFiredAt',
          'nextRunAt',
          'createdBy',
          'updatedAt',
        ],
        editProperties: scheduleForm,
        filterProperties: ['name', 'kind', 'enabled'],
        properties: {
          kind: labelled(KINDS, KIND_LABELS),
          periodRule: labelled(PERIOD_RULES, PERIOD_LABELS),
          locale: labelled(LOCALES, LOCALE_LABELS),
        },
        actions: {
          new: {
            isAccessible: allows('reports.manage'),
            handler: formHandler({
              permission: 'reports.manage',
              validator: {
                validate: (data) => createScheduleValidator.validate(scheduleInput(data)),
              },
              run: async (uow, input) => {
                const service = await schedules()
                return service.create(uow, withScheduleDefaults(input))
              },
              done: scheduleDone,
            }),
          },
          edit: {
            isAccessible: allows('reports.manage'),
            handler: formHandler({
              permission: 'reports.manage',
              validator: {
                validate: (data) => updateScheduleValidator.validate(scheduleInput(data)),
              },
              run: async (uow, input, _user, context) => {
                const service = await schedules()
                return service.update(uow, Number(context.record!.id()), input)
              },
              done: scheduleDone,
            }),
          },
          disable: {
            actionType: 'record',
            icon: 'PauseCircle',
            component: 'ActionForm',
            custom: { fields: [] },
            isAccessible: allows('reports.manage'),
            isVisible: ({ currentAdmin, record }: ActionContext) =>
              Boolean(
                record?.params.enabled === true &&
                can(currentAdmin as PanelUser | undefined, 'reports.manage')
              ),
            handler: formHandler({
              permission: 'reports.manage',
              validator: { validate: async () => ({}) },
              run: async (uow, _input, _user, context) => {
                const service = await schedules()
                return service.update(uow, Number(context.record!.id()), { enabled: false })
              },
              done: (schedule: { id: number; name: string }, context) => ({
                ...scheduleDone(schedule, context),
                message: 'scheduleDisabled',
              }),
            }),
          },
        },
      }
    ),
    tableResource(
      {
        id: 'report_deliveries',
        table: 'report_deliveries',
        // Never the stored PDF: lists and pages read everything but the bytes.
        rowSql: `report_deliveries.id, report_deliveries.file_name, report_deliveries.pdf_sha256,
                 report_deliveries.sent_at, report_deliveries.created_at`,
        columns: [
          { name: 'id', type: 'number', sortable: true },
          {
            name: 'label',
            sql: "'#' || report_deliveries.id",
            isTitle: true,
            compute: (row) => `#${row.id} ${row.file_name ?? ''}`.trim(),
          },
          { name: 'runId', sql: 'report_deliveries.run_id', type: 'number', filter: 'exact' },
          {
            name: 'customerId',
            sql: 'report_deliveries.customer_id',
            reference: 'customers',
            filter: 'exact',
          },
          {
            name: 'status',
            sql: 'report_deliveries.status',
            availableValues: [...DELIVERY_STATUSES],
            filter: 'exact',
          },
          { name: 'recipients', sql: "array_to_string(report_deliveries.recipients, ', ')" },
          { name: 'attempts', sql: 'report_deliveries.attempts', type: 'number' },
          { name: 'sendCount', sql: 'report_deliveries.send_count', type: 'number' },
          { name: 'error', sql: 'report_deliveries.error', type: 'textarea' },
          { name: 'fileName', sql: 'report_deliveries.file_name' },
          { name: 'pdfSha256', sql: 'report_deliveries.pdf_sha256' },
          { name: 'ledgerPosition', sql: 'report_deliveries.ledger_position', type: 'number' },
          { name: 'messageId', sql: 'report_deliveries.message_id' },
          {
            name: 'pdf',
            compute: (row) => (row.pdf_sha256 ? deliveryPdfPath(row.id) : ''),
          },
          instant('sentAt', 'report_deliveries.sent_at'),
          instant('createdAt', 'report_deliveries.created_at'),
        ],
      },
      'reports.read',
      {
        navigation: nav,
        sort: { sortBy: 'id', direction: 'desc' },
        listProperties: [
          'id',
          'runId',
          'customerId',
          'status',
          'recipients',
          'attempts',
          'sentAt',
          'pdf',
        ],
        showProperties: [
          'label',
          'status',
          'runId',
          'customerId',
          'recipients',
          'attempts',
          'sendCount',
          'error',
          'fileName',
          'pdfSha256',
          'ledgerPosition',
          'pdf',
          'messageId',
          'sentAt',
          'createdAt',
        ],
        filterProperties: ['runId', 'customerId', 'status'],
        properties: {
          status: labelled(DELIVERY_STATUSES, DELIVERY_LABELS),
          pdf: { components: { show: 'PdfLink', list: 'PdfLink' } },
        },
        actions: {
          resend: {
            actionType: 'record',
            icon: 'Send',
            component: 'ActionForm',
            custom: { fields: [{ name: 'to', type: 'text' }] },
            isAccessible: allows('reports.manage'),
            isVisible: ({ currentAdmin, record }: ActionContext) =>
              Boolean(
                record?.params.pdfSha256 &&
                can(currentAdmin as PanelUser | undefined, 'reports.manage')
              ),
            handler: formHandler<{ to?: string[] }>({
              permission: 'reports.manage',
              validator: {
                validate: (data: any) => {
                  const to = list(data?.to)
                  return resendValidator.validate(to.length ? { to } : {})
                },
              },
              run: async (uow, input, _user, context) => {
                const service = await deliveries()
                return service.resend(uow, Number(context.record!.id()), input.to)
              },
              done: (delivery: { id: number; sendCount: number }, context) => ({
                redirectUrl: showUrl(context, 'report_deliveries', delivery.id),
                message: 'deliveryResent',
                options: { id: delivery.id, count: delivery.sendCount },
              }),
            }),
          },
        },
      }
    ),
  ]
}

const zh = {
  labels: { reports: '报表', report_schedules: '报表计划', report_deliveries: '报表投递' },
  actions: { disable: '停用', resend: '重新发送' },
  messages: {
    scheduleSaved: '报表计划「{{name}}」已保存',
    scheduleDisabled: '报表计划「{{name}}」已停用',
    deliveryResent: '投递 #{{id}} 已重新发送（第 {{count}} 次发送）',
  },
  properties: {
    'kind.statements': '客户对账单',
    'kind.exec_pack': '管理层月报',
    'cron': '执行时间（cron）',
    'timezone': '时区',
    'periodRule': '报表期间',
    'locale': '语言',
    'customerIds': '客户编号（逗号分隔，留空 = 全部）',
    'recipients': '收件人',
    'enabled': '启用',
    'lastFiredAt': '上次执行',
    'nextRunAt': '下次执行',
    'runId': '批次',
    'attempts': '尝试次数',
    'sendCount': '发送次数',
    'error': '错误',
    'fileName': '文件名',
    'pdfSha256': 'SHA-256',
    'ledgerPosition': '账簿位置（所含最新凭证编号）',
    'messageId': '邮件 Message-ID',
    'pdf': 'PDF',
    'sentAt': '发送时间',
    'to': '改发至（可选，逗号分隔邮箱）',
    'status.sent': '已发送',
    'status.failed': '失败',
  },
  resources: {
    report_schedules: {
      actions: { new: '新建报表计划' },
      properties: { kind: '报表类型' },
    },
    report_deliveries: { properties: { label: '投递' } },
  },
}

const en = {
  labels: {
    reports: 'Reports',
    report_schedules: 'Report schedules',
    report_deliveries: 'Deliveries',
  },
  actions: { disable: 'Disable', resend: 'Resend' },
  messages: {
    scheduleSaved: 'Schedule "{{name}}" saved',
    scheduleDisabled: 'Schedule "{{name}}" disabled',
    deliveryResent: 'Delivery #{{id}} resent (send #{{count}})',
  },
  properties: {
    cron: 'Runs at (cron)',
    timezone: 'Time zone',
    periodRule: 'Period',
    locale: 'Language',
    customerIds: 'Customer ids (comma-separated, blank = all)',
    recipients: 'Recipients',
    enabled: 'Enabled',
    lastFiredAt: 'Last run',
    nextRunAt: 'Next run',
    runId: 'Run',
    attempts: 'Attempts',
    sendCount: 'Times sent',
    error: 'Error',
    fileName: 'File name',
    pdfSha256: 'SHA-256',
    ledgerPosition: 'Ledger position (newest journal id included)',
    messageId: 'Message-ID',
    pdf: 'PDF',
    sentAt: 'Sent at',
    to: 'Send to instead (optional, comma-separated)',
  },
  resources: {
    report_schedules: { actions: { new: 'New report schedule' }, properties: { kind: 'Report' } },
    report_deliveries: { properties: { label: 'Delivery' } },
  },
}

/** Reports (报表): schedules kept by finance managers, and the deliveries they produced. */
export const reportsPanel: PanelModule = {
  name: 'reports',
  resources: reportResources,
  translations: { 'zh-CN': zh, 'en': en },
}
