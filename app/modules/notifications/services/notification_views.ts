import { t, type Locale } from '#kernel/i18n'
import type { NotificationKind } from '#modules/notifications/notification_kinds'
import { numberOrNull } from '#kernel/row_values'

export interface NotificationRow {
  id: string | number
  user_id: string | number
  kind: NotificationKind
  params: Record<string, string | number>
  customer_id: string | number | null
  read_at: Date | null
  created_at: Date
}

/** A notification's text in a language, from the catalogue (notifications.json). */
export function notificationMessage(
  kind: NotificationKind,
  params: Record<string, string | number>,
  locale: Locale
): string {
  const values: Record<string, unknown> = { ...params }
  if (kind === 'approval_decided') {
    values.action = t(locale, `reports.approvalActions.${params.action}`)
    values.decision = t(locale, `notifications.decisions.${params.decision}`)
  }
  return t(locale, `notifications.messages.${kind}`, values)
}

/** What the API and the bell show of a notification. */
export function notificationView(row: NotificationRow, locale: Locale) {
  return {
    id: Number(row.id),
    kind: row.kind,
    label: t(locale, `notifications.kinds.${row.kind}`),
    message: notificationMessage(row.kind, row.params, locale),
    customerId: numberOrNull(row.customer_id),
    approvalId: row.kind === 'approval_decided' ? Number(row.params.approvalId) : null,
    read: row.read_at !== null,
    readAt: row.read_at && new Date(row.read_at).toISOString(),
    createdAt: new Date(row.created_at).toISOString(),
  }
}

export type NotificationView = ReturnType<typeof notificationView>
