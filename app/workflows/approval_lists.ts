import db from '@adonisjs/lucid/services/db'
import { approvalView, mayDecide, type ApprovalRequestRow } from '#modules/approvals/public'
import { reachSql, withinReach } from '#modules/customers/public'

/** Who reads a list: their id and role decide what they may see and decide. */
interface Reader {
  id: number
  role: string
}

/** A pending request as the inboxes show it: with its customer and who has decided so far. */
export interface AwaitingRequest extends ApprovalRequestRow {
  customer_code: string
  customer_name: string
}

/**
 * The pending requests `user` may decide now (their level, not their own, within reach), newest
 * first: the API's inbox (`?awaitingMe`), the dashboard card and the phone inbox read this list.
 * Which requests one user may decide depends on each level's roles and on who has decided, so every
 * pending request is read and the rule (`mayDecide`) picks; a limit applies to what it picked.
 */
export async function awaitingDecision(
  user: Reader,
  filters: { customerId?: number } = {}
): Promise<AwaitingRequest[]> {
  const result = await db.rawQuery(
    `SELECT r.*, c.code AS customer_code, c.name AS customer_name,
            ARRAY(SELECT d.decided_by FROM approval_decisions d WHERE d.request_id = r.id) AS deciders
       FROM approval_requests r JOIN customers c ON c.id = r.customer_id
      WHERE r.status = 'pending' AND r.requested_by <> :me
        AND (:customerId::bigint IS NULL OR r.customer_id = :customerId)
        ${reachSql(user, 'r.customer_id')}
      ORDER BY r.id DESC`,
    { me: user.id, customerId: filters.customerId ?? null }
  )
  const actor = { userId: user.id, role: user.role }
  return result.rows.filter((row: AwaitingRequest & { deciders: string[] }) =>
    mayDecide(
      {
        status: row.status,
        requestedBy: Number(row.requested_by),
        level: row.levels[row.current_level - 1],
        deciders: row.deciders.map(Number),
      },
      actor
    )
  )
}

/** GET /api/v1/approvals: newest first, within reach; `awaitingMe` is the approver's inbox. */
export async function listApprovals(
  user: Reader,
  filters: { status?: string; awaitingMe?: boolean; customerId?: number; limit: number }
) {
  if (filters.awaitingMe) {
    if (filters.status && filters.status !== 'pending') return []
    const awaiting = await awaitingDecision(user, filters)
    return awaiting.slice(0, filters.limit).map((row) => approvalView(row))
  }
  const query = db.from('approval_requests').orderBy('id', 'desc').limit(filters.limit)
  if (filters.status) query.where('status', filters.status)
  if (filters.customerId) query.where('customer_id', filters.customerId)
  const rows: ApprovalRequestRow[] = await withinReach(query, user, 'customer_id')
  return rows.map((row) => approvalView(row))
}
