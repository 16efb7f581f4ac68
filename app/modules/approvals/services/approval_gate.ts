import emitter from '@adonisjs/core/services/emitter'
import type { Money } from '#kernel/money/money'
import { approvalView, type ApprovalRequestRow } from '#modules/approvals/approval_view'
import type { ApprovalAction } from '#modules/approvals/default_rules'
import { matchApprovalRule, type MatchedRule } from '#modules/approvals/services/approval_rules'
import type { UnitOfWork } from '#kernel/unit_of_work'

export const APPROVAL_TTL_DAYS = 7

/** What an approvable action asks the rules about. */
export interface GateQuestion {
  action: ApprovalAction
  customerId: number
  projectId: number | null
  currency: string | null
  /** the amount in the company's base currency (0 when the action moves no money) */
  baseAmount: Money
}

/** A request to record once a rule applies. */
export interface OpenRequest extends GateQuestion {
  amount: Money | null
  /** what the caller already holds on the balance for it (released on close) */
  reserved: Money | null
  payload: Record<string, unknown>
}

/**
 * The approval side of the gate: which rule applies to an action, and recording the pending
 * request. Whether to run the action at once or hold its amount first is the caller's (the
 * workflows' approval_submission), which knows the ledger.
 */
export class ApprovalGate {
  async ruleFor(uow: UnitOfWork, question: GateQuestion): Promise<MatchedRule | null> {
    const customer = await uow.trx
      .from('customers')
      .select('department')
      .where('id', question.customerId)
      .first()
    return matchApprovalRule(uow.trx, {
      action: question.action,
      baseAmount: question.baseAmount,
      currency: question.currency,
      department: customer?.department ?? null,
      projectId: question.projectId,
    })
  }

  async open(uow: UnitOfWork, rule: MatchedRule, request: OpenRequest) {
    const [row] = (await uow.trx
      .insertQuery()
      .table('approval_requests')
      .insert({
        action_type: request.action,
        rule_id: rule.id,
        levels: JSON.stringify(rule.levels),
        customer_id: request.customerId,
        project_id: request.projectId,
        currency: request.currency,
        amount: request.amount?.toFixed() ?? null,
        base_amount: request.baseAmount.toFixed(),
        reserved: request.reserved?.toFixed() ?? '0',
        payload: JSON.stringify(request.payload),
        requested_by: uow.actor.userId,
        expires_at: new Date(Date.now() + APPROVAL_TTL_DAYS * 86_400_000),
      })
      .returning('*')) as ApprovalRequestRow[]
    const view = approvalView(row)
    uow.audit({ entityType: 'approval_request', entityId: row.id, action: 'request', after: view })
    uow.publish({ type: 'approval.requested', customerId: view.customerId, data: view })
    uow.onCommit(() => emitter.emit('approvals:awaiting_decision', view))
    return view
  }

  /** The open reversal request of a journal, if one waits (a journal has at most one). */
  async pendingReversalOf(uow: UnitOfWork, journalId: number): Promise<number | null> {
    const pending = await uow.trx.rawQuery(
      "SELECT id FROM approval_requests WHERE status = 'pending' AND action_type = 'reversal' AND (payload->>'journalId')::bigint = ?",
      [journalId]
    )
    return pending.rows.length ? Number(pending.rows[0].id) : null
  }
}
