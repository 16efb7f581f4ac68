import type { ActionContext, ActionResponse, ResourceWithOptions } from 'adminjs'
import { reachSql } from '#modules/customers/reach'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { Forbidden, InvalidInput, NotFound } from '#kernel/errors'
import Customer from '#modules/customers/models/customer'
import { mayActOnCustomer } from '#modules/customers/policies/customer_policy'
import { localeOf, renderMessage, SEVERITY_LABELS, type Locale } from '#modules/alerts/messages'
import { ALERT_STATUSES, RULE_TYPE_NAMES, SEVERITIES } from '#modules/alerts/rule_types'
import { AlertRuleService } from '#modules/alerts/services/alert_rule_service'
import { AlertWorkflow } from '#modules/alerts/services/alert_workflow'
import {
  alertTransitionValidator,
  createRuleValidator,
  updateRuleValidator,
} from '#modules/alerts/validators/alert_validators'
import { seesOnlyOwnCustomers } from '#modules/identity/roles'
import type User from '#modules/identity/models/user'
import { formHandler, type FormDone } from '#modules/admin/panel/form_action'
import { allows, can, ownCustomersOnly, type PanelUser } from '#modules/admin/panel/panel_user'
import type { DashboardSection, PanelModule } from '#modules/admin/panel/registry'
import { instant, labelled, showUrl, tableResource } from '#modules/admin/panel/resource_helpers'
import type { ColumnSpec } from '#modules/admin/panel/sql_resource'

const nav = { name: 'alerts', icon: 'AlertTriangle' }

const STATUS_LABELS: Record<string, string> = {
  open: '未处理 open',
  acknowledged: '已确认 acknowledged',
  resolved: '已解决 resolved',
}
const SEVERITY_OPTION_LABELS: Record<string, string> = {
  info: '提示 info',
  warning: '警告 warning',
  critical: '严重 critical',
}
const RULE_TYPE_LABELS: Record<string, string> = {
  low_balance: '低余额 low balance',
  abnormal_movement: '异常金额 abnormal movement',
  duplicate_receipt: '疑似重复到账 duplicate receipt',
  installment_over_payment: '分期多付 over-payment',
  installment_under_payment: '分期少付 under-payment',
  installment_non_payment: '分期未付 non-payment',
  installment_due_soon: '分期即将到期 due soon',
  installment_overdue: '分期逾期 overdue',
  stale_advance: '预收款长期未核销 stale advance',
  approval_pending: '审批超时 approval pending',
  overdraw_attempt: '超额尝试 overdraw attempt',
}

const messageIn = (row: Record<string, any>, locale: Locale) =>
  renderMessage(row.message_key, row.params ?? {}, locale)

const alertColumns: ColumnSpec[] = [
  { name: 'id', type: 'number', sortable: true },
  {
    name: 'label',
    sql: "'#' || alerts.id",
    isTitle: true,
    compute: (row) => `#${row.id} ${RULE_TYPE_LABELS[row.rule_type] ?? row.rule_type}`,
  },
  {
    name: 'status',
    sql: 'alerts.status',
    availableValues: [...ALERT_STATUSES],
    filter: 'exact',
  },
  {
    name: 'severity',
    sql: 'alerts.severity',
    availableValues: [...SEVERITIES],
    filter: 'exact',
  },
  {
    name: 'ruleType',
    sql: 'alerts.rule_type',
    availableValues: [...RULE_TYPE_NAMES],
    filter: 'exact',
  },
  { name: 'ruleId', sql: 'alerts.rule_id', reference: 'alert_rules' },
  { name: 'customerId', sql: 'alerts.customer_id', reference: 'customers', filter: 'exact' },
  { name: 'projectId', sql: 'alerts.project_id', reference: 'projects' },
  // The message in the reader's language (set per request, see `inReaderLanguage`); zh-CN by default.
  { name: 'message', type: 'textarea', compute: (row) => messageIn(row, 'zh-CN') },
  { name: 'messageEn', compute: (row) => messageIn(row, 'en') },
  { name: 'asOf', sql: "to_char(alerts.as_of, 'YYYY-MM-DD')", filterSql: 'alerts.as_of' },
  instant('createdAt', 'alerts.created_at'),
  instant('acknowledgedAt', 'alerts.acknowledged_at'),
  { name: 'acknowledgedBy', sql: 'alerts.acknowledged_by', reference: 'users' },
  instant('resolvedAt', 'alerts.resolved_at'),
  { name: 'resolvedBy', sql: 'alerts.resolved_by', reference: 'users' },
  { name: 'resolutionNote', sql: 'alerts.resolution_note', type: 'textarea' },
  instant('emailedAt', 'alerts.emailed_at'),
  // Sort key of the default list: open first, then acknowledged, then resolved; newest first within.
  {
    name: 'queue',
    sql: "(CASE alerts.status WHEN 'open' THEN 2 WHEN 'acknowledged' THEN 1 ELSE 0 END)",
    sortable: true,
  },
]

/** The reader's language (users.locale, refreshed into the session user on every request). */
function readerLocale(context: ActionContext): Locale {
  return localeOf((context.currentAdmin as PanelUser | undefined)?.locale)
}

/** list/show `after` hook: `message` in the reader's language. */
async function inReaderLanguage(
  response: ActionResponse,
  _request: unknown,
  context: ActionContext
) {
  if (readerLocale(context) !== 'en') return response
  const records = response.records ?? (response.record ? [response.record] : [])
  for (const record of records) {
    if (record.params?.messageEn) record.params.message = record.params.messageEn
  }
  return response
}

const workflow = () => app.container.make(AlertWorkflow)
const rules = () => app.container.make(AlertRuleService)

/** Same rule as the API: sales act only on their own customers' alerts (and not on customer-less ones). */
async function assertMayAct(user: User, customerId: number | string | null) {
  if (customerId === null) {
    if (seesOnlyOwnCustomers(user.role)) throw new Forbidden()
    return
  }
  const customer = await Customer.find(Number(customerId))
  if (!customer || !mayActOnCustomer(user, customer, 'alerts.manage')) throw new Forbidden()
}

const manageable =
  (states: string[]) =>
  ({ currentAdmin, record }: ActionContext) =>
    Boolean(
      record &&
      states.includes(record.params.status) &&
      can(currentAdmin as PanelUser | undefined, 'alerts.manage')
    )

function transitionAction(
  icon: string,
  states: string[],
  change: 'acknowledge' | 'resolve',
  message: string
) {
  return {
    actionType: 'record',
    icon,
    component: 'ActionForm',
    custom: { fields: [{ name: 'note', type: 'textarea' }] },
    isAccessible: allows('alerts.manage'),
    isVisible: manageable(states),
    handler: formHandler<{ note?: string }>({
      permission: 'alerts.manage',
      validator: alertTransitionValidator,
      run: async (uow, input, user, context) => {
        const service = await workflow()
        const id = Number(context.record!.id())
        const alert = await service.find(uow.trx, id)
        if (!alert) throw new NotFound('alert')
        await assertMayAct(user, alert.customer_id)
        return service[change](uow, id, input.note)
      },
      done: (alert: { id: number | string }, context): FormDone => ({
        redirectUrl: showUrl(context, 'alerts', alert.id),
        message,
        options: { id: alert.id },
      }),
    }),
  }
}

/**
 * Rule parameters typed as JSON text on the form (`parametersJson`) → `parameters`. On the new-rule
 * form an untouched checkbox is shown unticked and is not posted: it means false there.
 */
function withParameters(data: any, create = false) {
  const { parametersJson, enabled, sendEmail, ...rest } = data ?? {}
  let parameters: unknown
  if (parametersJson !== undefined) {
    try {
      parameters = JSON.parse(String(parametersJson))
    } catch {
      throw new InvalidInput('parametersJson', 'json', 'parameters must be JSON, e.g. {"days": 30}')
    }
    if (!parameters || typeof parameters !== 'object' || Array.isArray(parameters))
      throw new InvalidInput('parametersJson', 'json', 'parameters must be a JSON object')
  }
  const bool = (value: unknown) => value === true || value === 'true'
  return {
    ...rest,
    ...(parameters ? { parameters } : {}),
    ...(enabled !== undefined || create ? { enabled: bool(enabled) } : {}),
    ...(sendEmail !== undefined || create ? { sendEmail: bool(sendEmail) } : {}),
  }
}

const ruleDone = (rule: { id: number; nameZh: string }, context: ActionContext): FormDone => ({
  redirectUrl: showUrl(context, 'alert_rules', rule.id),
  message: `${rule.nameZh} ✓`,
})

function alertResources(): ResourceWithOptions[] {
  return [
    tableResource(
      {
        id: 'alerts',
        table: 'alerts',
        scope: ownCustomersOnly('alerts.customer_id'),
        columns: alertColumns,
      },
      'alerts.read',
      {
        navigation: nav,
        sort: { sortBy: 'queue', direction: 'desc' },
        listProperties: [
          'id',
          'status',
          'severity',
          'ruleType',
          'customerId',
          'message',
          'createdAt',
        ],
        showProperties: [
          'label',
          'status',
          'severity',
          'ruleType',
          'ruleId',
          'customerId',
          'projectId',
          'message',
          'asOf',
          'createdAt',
          'emailedAt',
          'acknowledgedAt',
          'acknowledgedBy',
          'resolvedAt',
          'resolvedBy',
          'resolutionNote',
        ],
        filterProperties: ['status', 'severity', 'ruleType', 'customerId'],
        properties: {
          status: labelled(ALERT_STATUSES, STATUS_LABELS),
          severity: labelled(SEVERITIES, SEVERITY_OPTION_LABELS),
          ruleType: labelled(RULE_TYPE_NAMES, RULE_TYPE_LABELS),
        },
        actions: {
          list: { isAccessible: allows('alerts.read'), after: inReaderLanguage },
          show: { isAccessible: allows('alerts.read'), after: inReaderLanguage },
          acknowledge: transitionAction('Eye', ['open'], 'acknowledge', 'alertAcknowledged'),
          resolve: transitionAction(
            'CheckCircle',
            ['open', 'acknowledged'],
            'resolve',
            'alertResolved'
          ),
        },
      }
    ),
    tableResource(
      {
        id: 'alert_rules',
        table: 'alert_rules',
        columns: [
          { name: 'id', type: 'number', sortable: true },
          { name: 'code', sql: 'alert_rules.code', filter: 'ilike', sortable: true },
          { name: 'nameZh', sql: 'alert_rules.name_zh', isTitle: true, filter: 'ilike' },
          { name: 'nameEn', sql: 'alert_rules.name_en' },
          {
            name: 'ruleType',
            sql: 'alert_rules.rule_type',
            availableValues: [...RULE_TYPE_NAMES],
            filter: 'exact',
          },
          {
            name: 'severity',
            sql: 'alert_rules.severity',
            availableValues: [...SEVERITIES],
            filter: 'exact',
          },
          { name: 'parametersJson', sql: 'alert_rules.params::text', type: 'textarea' },
          { name: 'enabled', sql: 'alert_rules.enabled', type: 'boolean', filter: 'exact' },
          { name: 'sendEmail', sql: 'alert_rules.send_email', type: 'boolean' },
          instant('updatedAt', 'alert_rules.updated_at'),
        ],
      },
      'alerts.read',
      {
        navigation: nav,
        sort: { sortBy: 'id', direction: 'asc' },
        listProperties: ['code', 'nameZh', 'ruleType', 'severity', 'enabled', 'sendEmail'],
        showProperties: [
          'code',
          'nameZh',
          'nameEn',
          'ruleType',
          'severity',
          'parametersJson',
          'enabled',
          'sendEmail',
          'updatedAt',
        ],
        editProperties: [
          'code',
          'ruleType',
          'nameZh',
          'nameEn',
          'severity',
          'parametersJson',
          'enabled',
          'sendEmail',
        ],
        filterProperties: ['code', 'ruleType', 'severity', 'enabled'],
        properties: {
          ruleType: labelled(RULE_TYPE_NAMES, RULE_TYPE_LABELS),
          severity: labelled(SEVERITIES, SEVERITY_OPTION_LABELS),
        },
        actions: {
          new: {
            isAccessible: allows('alert_rules.manage'),
            handler: formHandler({
              permission: 'alert_rules.manage',
              validator: {
                validate: (data) => createRuleValidator.validate(withParameters(data, true)),
              },
              run: async (uow, input) => {
                const service = await rules()
                return service.create(uow, input)
              },
              done: ruleDone,
            }),
          },
          edit: {
            isAccessible: allows('alert_rules.manage'),
            handler: formHandler({
              permission: 'alert_rules.manage',
              validator: {
                // code and type are fixed once a rule exists (the service keeps them).
                validate: (data: any) => {
                  const rest = { ...data }
                  delete rest.code
                  delete rest.ruleType
                  return updateRuleValidator.validate(withParameters(rest))
                },
              },
              run: async (uow, input, _user, context) => {
                const service = await rules()
                return service.update(uow, Number(context.record!.id()), input)
              },
              done: ruleDone,
            }),
          },
        },
      }
    ),
  ]
}

/** The dashboard card: unresolved alerts this user may see, and the latest five. */
export async function openAlerts(user: PanelUser, latest = 5): Promise<DashboardSection[]> {
  if (!can(user, 'alerts.read')) return []
  const owner = reachSql(user, 'a.customer_id')
  const counted = await db.rawQuery(
    `SELECT count(*)::int AS n FROM alerts a WHERE a.status <> 'resolved' ${owner}`,
    { me: user.id }
  )
  const rows = await db.rawQuery(
    `SELECT a.id, a.severity, a.status, a.message_key, a.params FROM alerts a
      WHERE a.status <> 'resolved' ${owner} ORDER BY a.id DESC LIMIT :latest`,
    { me: user.id, latest }
  )
  const locale = localeOf(user.locale)
  return [
    {
      key: 'openAlerts',
      title: locale === 'en' ? 'Open alerts' : '未处理预警',
      count: Number(counted.rows[0].n),
      items: rows.rows.map((row: any) => ({
        label: `#${row.id} ${SEVERITY_LABELS[row.severity]?.[locale] ?? row.severity}`,
        value: messageIn(row, locale),
        href: `/admin/resources/alerts/records/${row.id}/show`,
      })),
    },
  ]
}

const zh = {
  labels: { alerts: '预警', alert_rules: '预警规则' },
  actions: { acknowledge: '确认', resolve: '解决' },
  messages: {
    alertAcknowledged: '预警 #{{id}} 已确认',
    alertResolved: '预警 #{{id}} 已解决',
  },
  properties: {
    'severity': '级别',
    'ruleType': '规则类型',
    'ruleId': '规则',
    'message': '预警内容',
    'messageEn': '预警内容（英文）',
    'asOf': '业务日期',
    'acknowledgedAt': '确认时间',
    'acknowledgedBy': '确认人',
    'resolvedAt': '解决时间',
    'resolvedBy': '解决人',
    'resolutionNote': '处理说明',
    'note': '处理说明（可选）',
    'emailedAt': '邮件通知时间',
    'nameZh': '名称（中文）',
    'nameEn': '名称（英文）',
    'parametersJson': '参数（JSON，如 {"days": 30}）',
    'enabled': '启用',
    'sendEmail': '发送邮件',
    'status.acknowledged': '已确认',
    'status.resolved': '已解决',
  },
  resources: {
    alerts: { properties: { label: '预警', status: '状态' } },
    alert_rules: { actions: { new: '新建预警规则' } },
  },
}

const en = {
  labels: { alerts: 'Alerts', alert_rules: 'Alert rules' },
  actions: { acknowledge: 'Acknowledge', resolve: 'Resolve' },
  messages: {
    alertAcknowledged: 'Alert #{{id}} acknowledged',
    alertResolved: 'Alert #{{id}} resolved',
  },
  properties: {
    severity: 'Severity',
    ruleType: 'Rule type',
    ruleId: 'Rule',
    message: 'Message',
    messageEn: 'Message (English)',
    asOf: 'As of',
    acknowledgedAt: 'Acknowledged at',
    acknowledgedBy: 'Acknowledged by',
    resolvedAt: 'Resolved at',
    resolvedBy: 'Resolved by',
    resolutionNote: 'Resolution note',
    note: 'Note (optional)',
    emailedAt: 'Emailed at',
    nameZh: 'Name (Chinese)',
    nameEn: 'Name (English)',
    parametersJson: 'Parameters (JSON, e.g. {"days": 30})',
    enabled: 'Enabled',
    sendEmail: 'Send email',
  },
  resources: {
    alerts: { properties: { label: 'Alert' } },
    alert_rules: { actions: { new: 'New alert rule' } },
  },
}

/** Alerts (预警): the alert list with its workflow, the rules, and the open-alerts card. */
export const alertsPanel: PanelModule = {
  name: 'alerts',
  resources: alertResources,
  translations: { 'zh-CN': zh, 'en': en },
  dashboard: openAlerts,
}
