import { renderMessage, type Locale } from '#modules/alerts/public'
import { ALERT_STATUSES, RULE_TYPE_NAMES, SEVERITIES } from '#modules/alerts/public'
import { columnsOf } from '#modules/admin/panel/columns'
import type { ColumnSpec } from '#modules/admin/panel/sql_resource'
import { namedLabels, valueLabels, zhLabel } from '#modules/admin/panel/value_labels'

/** The alert's message in a language, from its key and parameters. */
export const messageIn = (row: Record<string, any>, locale: Locale) =>
  renderMessage(row.message_key, row.params ?? {}, locale)

// severities are named once, in alerts.json (the alert e-mails read them too)
const severityLabels = namedLabels('alerts.severity')
const ruleTypeLabels = valueLabels('alert_rule_type')

const alert = columnsOf('alerts')

export const alertColumns: ColumnSpec[] = [
  alert.id(),
  alert.title((row) => zhLabel('alert_rule_type', row.rule_type)),
  alert.choice('status', ALERT_STATUSES, valueLabels('alert_status')),
  alert.choice('severity', SEVERITIES, severityLabels),
  alert.choice('ruleType', RULE_TYPE_NAMES, ruleTypeLabels),
  alert.ref('ruleId', 'alert_rules'),
  alert.ref('customerId', 'customers', { filter: 'exact' }),
  alert.ref('projectId', 'projects'),
  // The message in the reader's language (set per request, see `inReaderLanguage`); zh-CN by default.
  { name: 'message', type: 'textarea', compute: (row) => messageIn(row, 'zh-CN') },
  { name: 'messageEn', compute: (row) => messageIn(row, 'en') },
  { name: 'asOf', sql: "to_char(alerts.as_of, 'YYYY-MM-DD')", filterSql: 'alerts.as_of' },
  alert.instant('createdAt'),
  alert.instant('acknowledgedAt'),
  alert.ref('acknowledgedBy', 'users'),
  alert.instant('resolvedAt'),
  alert.ref('resolvedBy', 'users'),
  alert.text('resolutionNote'),
  alert.instant('emailedAt'),
  // Sort key of the default list: open first, then acknowledged, then resolved; newest first within.
  {
    name: 'queue',
    sql: "(CASE alerts.status WHEN 'open' THEN 2 WHEN 'acknowledged' THEN 1 ELSE 0 END)",
    sortable: true,
  },
]

const rule = columnsOf('alert_rules')

export const alertRuleColumns: ColumnSpec[] = [
  rule.id(),
  rule.field('code', { filter: 'ilike', sortable: true }),
  rule.field('nameZh', { isTitle: true, filter: 'ilike' }),
  rule.field('nameEn'),
  rule.choice('ruleType', RULE_TYPE_NAMES, ruleTypeLabels),
  rule.choice('severity', SEVERITIES, severityLabels),
  rule.text('parametersJson', { sql: 'alert_rules.params::text' }),
  rule.flag('enabled', { filter: 'exact' }),
  rule.flag('sendEmail'),
  rule.instant('updatedAt'),
]
