import { numberOrNull } from '#kernel/row_values'
import { plainDateOf } from '#modules/prepayments/public'
import { localeOf, renderBoth, type MessageParams } from '#modules/alerts/messages'

/** An alerts row as pg returns it (joined with its rule's code and the customer's name). */
export interface AlertRecord {
  id: number | string
  rule_id: number | string
  rule_code?: string
  rule_type: string
  severity: string
  subject_type: string
  subject_id: number | string
  customer_id: number | string | null
  customer_name?: string | null
  project_id: number | string | null
  message_key: string
  params: MessageParams
  status: string
  as_of: Date | string
  created_at: Date | string
  acknowledged_at: Date | string | null
  acknowledged_by: number | string | null
  resolved_at: Date | string | null
  resolved_by: number | string | null
  resolution_note: string | null
  resolved_reason?: string | null
  emailed_at: Date | string | null
}

const instant = (value: Date | string | null) =>
  value === null ? null : new Date(value).toISOString()

/** The wire (and audit) form of an alert; `message` is in the reader's locale, `messages` in both. */
export function alertView(row: AlertRecord, locale?: string | null) {
  const messages = renderBoth(row.message_key, row.params)
  return {
    id: Number(row.id),
    ruleId: Number(row.rule_id),
    ruleCode: row.rule_code ?? null,
    ruleType: row.rule_type,
    severity: row.severity,
    subjectType: row.subject_type,
    subjectId: Number(row.subject_id),
    customerId: numberOrNull(row.customer_id),
    customerName: row.customer_name ?? null,
    projectId: numberOrNull(row.project_id),
    status: row.status,
    message: messages[localeOf(locale)],
    messages,
    messageKey: row.message_key,
    params: row.params,
    asOf: plainDateOf(row.as_of),
    createdAt: instant(row.created_at),
    acknowledgedAt: instant(row.acknowledged_at),
    acknowledgedBy: numberOrNull(row.acknowledged_by),
    resolvedAt: instant(row.resolved_at),
    resolvedBy: numberOrNull(row.resolved_by),
    resolutionNote: row.resolution_note,
    /** manual, condition_cleared (the system: no longer true) or superseded (a contradicting alert) */
    resolvedReason: row.resolved_reason ?? null,
    emailedAt: instant(row.emailed_at),
  }
}

export type AlertView = ReturnType<typeof alertView>

export const ALERT_SELECT = `SELECT a.*, r.code AS rule_code, c.name AS customer_name
  FROM alerts a JOIN alert_rules r ON r.id = a.rule_id LEFT JOIN customers c ON c.id = a.customer_id`
