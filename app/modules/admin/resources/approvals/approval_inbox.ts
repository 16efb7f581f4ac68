import db from '@adonisjs/lucid/services/db'
import { reachSql } from '#modules/customers/public'
import { displayAmount } from '#modules/admin/panel/format'
import type { PanelUser } from '#modules/admin/panel/panel_user'
import type { DashboardSection } from '#modules/admin/panel/registry'
import { idList, panelMayDecide } from '#modules/admin/resources/approvals/approval_actions'
import { ACTION_LABELS } from '#modules/admin/resources/approvals/approval_labels'

/**
 * The pending requests this user may decide now (their level, not their own, within reach), newest
 * first: the dashboard's inbox card and the phone inbox (/m/approvals) read the same list.
 */
export async function awaitingApprovals(user: PanelUser) {
  const owner = reachSql(user, 'r.customer_id')
  const result = await db.rawQuery(
    `SELECT r.id, r.action_type, r.status, r.requested_by, r.amount, r.currency, c.code, c.name,
            r.levels -> (r.current_level - 1) AS level,
            (SELECT string_agg(d.decided_by::text, ',') FROM approval_decisions d
              WHERE d.request_id = r.id) AS deciders
       FROM approval_requests r JOIN customers c ON c.id = r.customer_id
      WHERE r.status = 'pending' AND r.requested_by <> :me ${owner}
      ORDER BY r.id DESC`,
    { me: user.id }
  )
  return result.rows.filter((row: any) =>
    panelMayDecide(
      {
        status: row.status,
        requestedBy: Number(row.requested_by),
        level: row.level,
        deciders: idList(row.deciders),
      },
      user
    )
  ) as Array<{
    id: number
    action_type: string
    amount: string | null
    currency: string | null
    code: string
    name: string
  }>
}

/** The approver's inbox on the dashboard: how many requests await this user, and the latest few. */
export async function approvalInbox(user: PanelUser, latest = 5): Promise<DashboardSection[]> {
  const awaiting = await awaitingApprovals(user)
  return [
    {
      key: 'pendingApprovals',
      title: '待审批',
      count: awaiting.length,
      items: awaiting.slice(0, latest).map((row) => ({
        label: `#${row.id} ${ACTION_LABELS[row.action_type] ?? row.action_type} · ${row.code} ${row.name}`,
        value: row.currency && row.amount !== null ? displayAmount(row.amount, row.currency) : '—',
        href: `/admin/resources/approval_requests/records/${row.id}/show`,
      })),
    },
  ]
}
