import { awaitingDecision } from '#workflows/approval_lists'
import { displayAmount } from '#modules/admin/panel/format'
import type { PanelUser } from '#modules/admin/panel/panel_user'
import type { DashboardSection } from '#modules/admin/panel/registry'
import { zhLabel } from '#modules/admin/panel/value_labels'

/** The approver's inbox on the dashboard: how many requests await this user, and the latest few. */
export async function approvalInbox(user: PanelUser, latest = 5): Promise<DashboardSection[]> {
  const awaiting = await awaitingDecision(user)
  return [
    {
      key: 'pendingApprovals',
      title: '待审批',
      count: awaiting.length,
      items: awaiting.slice(0, latest).map((row) => ({
        label: `#${row.id} ${zhLabel('approval_action', row.action_type)} · ${row.customer_code} ${row.customer_name}`,
        value: row.currency && row.amount !== null ? displayAmount(row.amount, row.currency) : '—',
        href: `/admin/resources/approval_requests/records/${row.id}/show`,
      })),
    },
  ]
}
