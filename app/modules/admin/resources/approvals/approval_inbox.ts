import { awaitingDecision } from '#workflows/approval_lists'
import { displayAmount } from '#modules/admin/panel/format'
import type { PanelUser } from '#modules/admin/panel/panel_user'
import type { DashboardSection } from '#modules/admin/panel/registry'
import { ACTION_LABELS } from '#modules/admin/resources/approvals/approval_labels'

/** The approver's inbox on the dashboard: how many requests await this user, and the latest few. */
export async function approvalInbox(user: PanelUser, latest = 5): Promise<DashboardSection[]> {
  const awaiting = await awaitingDecision(user)
  return [
    {
      key: 'pendingApprovals',
      title: '待审批',
      count: awaiting.length,
      items: awaiting.slice(0, latest).map((row) => ({
        label: `#${row.id} ${ACTION_LABELS[row.action_type] ?? row.action_type} · ${row.customer_code} ${row.customer_name}`,
        value: row.currency && row.amount !== null ? displayAmount(row.amount, row.currency) : '—',
        href: `/admin/resources/approval_requests/records/${row.id}/show`,
      })),
    },
  ]
}
