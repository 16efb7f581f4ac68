import db from '@adonisjs/lucid/services/db'
import { localeOf, SEVERITY_LABELS } from '#modules/alerts/public'
import { reachSql } from '#modules/customers/public'
import { t } from '#kernel/i18n'
import { can, type PanelUser } from '#modules/admin/panel/panel_user'
import type { DashboardSection } from '#modules/admin/panel/registry'
import { messageIn } from '#modules/admin/resources/alerts/alert_columns'

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
      title: t(locale, 'dashboard.openAlerts'),
      count: Number(counted.rows[0].n),
      items: rows.rows.map((row: any) => ({
        label: `#${row.id} ${SEVERITY_LABELS[row.severity]?.[locale] ?? row.severity}`,
        value: messageIn(row, locale),
        href: `/admin/resources/alerts/records/${row.id}/show`,
      })),
    },
  ]
}
