import emitter from '@adonisjs/core/services/emitter'
import db from '@adonisjs/lucid/services/db'
import { Conflict, Forbidden, NotFound } from '#kernel/errors'
import { approvalView, type ApprovalRequestRow } from '#modules/approvals/approval_view'
import type { ApprovalAction, ApprovalLevel } from '#modules/approvals/default_rules'
import { approvalExecutor } from '#modules/approvals/services/approval_execution'
import { hasPermission } from '#modules/identity/public'
import { Money } from '#kernel/money/money'
import type { Actor } from '#kernel/actor'
import type { UnitOfWork } from '#kernel/unit_of_work'
import { lockRow } from '#kernel/table_rows'

type Closing = 'rejected' | 'cancelled' | 'expired'

/** Whether `actor` is the one a level names: by user, or by role. */
export function levelNames(
  level: ApprovalLevel | undefined,
  actor: Pick<Actor, 'userId' | 'role'>
) {
  if (!level) return false
  return level.userId ? level.userId === actor.userId : level.role === actor.role
}

export interface DecisionState {
  status: string
  requestedBy: number
  level: ApprovalLevel | undefined
  /** who decided the earlier levels */
  deciders: number[]
}

/**
 * Why `actor` may not decide the request's current level now, or null when they may. The one
 * statement of the maker-checker rule: the API, the approver inbox and the panel all ask it.
 */
export function decisionRefusal(request: DecisionState, actor: Pick<Actor, 'userId' | 'role'>) {
  if (request.status !== 'pending') return `this request is already ${request.status}`
  // Also when a rule names this user: their role may have changed since.
  if (!hasPermission(actor.role ?? '', 'approvals.decide')) {
    return 'your role may not decide approval requests'
  }
  if (request.requestedBy === actor.userId) {
    return 'the requester may not approve or reject their own request (maker-checker)'
  }
  if (actor.userId !== null && request.deciders.includes(actor.userId)) {
    return 'you already decided an earlier level of this request'
  }
  if (!levelNames(request.level, actor))
    return 'the current level of this request is for someone else'
  return null
}

export function mayDecide(request: DecisionState, actor: Pick<Actor, 'userId' | 'role'>) {
  return decisionRefusal(request, actor) === null
}

/**
 * Decisions on approval requests. Maker-checker: the requester never decides their own request, and
 * one person decides at most one level (also enforced by a unique index). Final approval executes
 * the action in the same transaction, releasing the reservation as the journal posts; rejection,
 * cancellation and expiry release it.
 */
export class ApprovalService {
  async approve(uow: UnitOfWork, requestId: number, comment: string | null) {
    const request = await this.lockPending(uow, requestId)
    await this.assertMayDecide(uow, request)
    // Past its deadline it is expired, even before the expiry run closes it and frees the hold.
    if (new Date(request.expires_at) <= new Date()) {
      throw new Conflict('request_expired', `approval request ${requestId} has expired`, {
        expiresAt: new Date(request.expires_at).toISOString(),
      })
    }
    await this.recordDecision(uow, request, 'approve', comment)
    const before = approvalView(request)
    if (request.current_level < request.levels.length) {
      const row = await this.update(uow, requestId, { current_level: request.current_level + 1 })
      return this.finish(uow, before, row, 'approve_level', true)
    }
    const executor = await approvalExecutor()
    const { body, journalId } = await executor.execute(
      uow,
      request.action_type as ApprovalAction,
      request.payload,
      {
        approvalId: request.id,
        customerId: request.customer_id,
        reserved: new Money(request.reserved),
      }
    )
    const row = await this.update(uow, requestId, {
      status: 'approved',
      reserved: '0',
      journal_id: journalId,
      decided_at: new Date(),
      comment,
    })
    const finished = await this.finish(uow, before, row, 'approve', false)
    return { ...finished, result: body }
  }

  async reject(uow: UnitOfWork, requestId: number, comment: string | null) {
    const request = await this.lockPending(uow, requestId)
    await this.assertMayDecide(uow, request)
    await this.recordDecision(uow, request, 'reject', comment)
    return this.close(uow, request, 'rejected', comment)
  }

  async cancel(uow: UnitOfWork, requestId: number) {
    const request = await this.lockPending(uow, requestId)
    if (request.requested_by !== uow.actor.userId)
      throw new Forbidden('only the requester may cancel a request')
    return this.close(uow, request, 'cancelled', null)
  }

  /** Expires every pending request past its deadline; returns how many. */
  async expireDue(uow: UnitOfWork, now = new Date()) {
    const due = await uow.trx.rawQuery(
      "SELECT * FROM approval_requests WHERE status = 'pending' AND expires_at <= ? ORDER BY id FOR UPDATE SKIP LOCKED",
      [now]
    )
    for (const request of due.rows as ApprovalRequestRow[])
      await this.close(uow, request, 'expired', null)
    return due.rows.length
  }

  async show(requestId: number) {
    const row = await db.from('approval_requests').where('id', requestId).first()
    if (!row) throw new NotFound('approval request')
    const decisions = await db
      .from('approval_decisions')
      .where('request_id', requestId)
      .orderBy('level')
    return approvalView(row, decisions)
  }

  private async close(
    uow: UnitOfWork,
    request: ApprovalRequestRow,
    status: Closing,
    comment: string | null
  ) {
    const before = approvalView(request)
    const reserved = new Money(request.reserved)
    if (!reserved.isZero() && request.currency) {
      const executor = await approvalExecutor()
      await executor.release(uow, request.customer_id, request.currency, reserved)
    }
    const row = await this.update(uow, request.id, {
      status,
      reserved: '0',
      decided_at: new Date(),
      comment,
    })
    return this.finish(
      uow,
      before,
      row,
      status === 'rejected' ? 'reject' : status === 'cancelled' ? 'cancel' : 'expire',
      false
    )
  }

  private async finish(
    uow: UnitOfWork,
    before: unknown,
    row: ApprovalRequestRow,
    action: string,
    awaitsNext: boolean
  ) {
    const decisions = await uow.trx
      .from('approval_decisions')
      .where('request_id', row.id)
      .orderBy('level')
    const view = approvalView(row, decisions)
    uow.audit({ entityType: 'approval_request', entityId: row.id, action, before, after: view })
    if (action === 'approve' || action === 'approve_level' || action === 'reject') {
      const data = { ...view, decision: action }
      uow.publish({ type: 'approval.decided', customerId: view.customerId, data })
    }
    if (awaitsNext) uow.onCommit(() => emitter.emit('approvals:awaiting_decision', view))
    return { approval: view }
  }

  private async lockPending(uow: UnitOfWork, requestId: number): Promise<ApprovalRequestRow> {
    const row: ApprovalRequestRow = await lockRow(
      uow,
      'approval_requests',
      requestId,
      'approval request'
    )
    if (row.status !== 'pending') {
      throw new Conflict('not_pending', `approval request ${requestId} is already ${row.status}`, {
        status: row.status,
      })
    }
    return row
  }

  private async assertMayDecide(uow: UnitOfWork, request: ApprovalRequestRow) {
    const decided = await uow.trx
      .from('approval_decisions')
      .where('request_id', request.id)
      .select('decided_by')
    const refusal = decisionRefusal(
      {
        status: request.status,
        requestedBy: request.requested_by,
        level: request.levels[request.current_level - 1],
        deciders: decided.map((d) => d.decided_by),
      },
      uow.actor
    )
    if (refusal) throw new Forbidden(refusal)
  }

  private async recordDecision(
    uow: UnitOfWork,
    request: ApprovalRequestRow,
    decision: 'approve' | 'reject',
    comment: string | null
  ) {
    await uow.trx.insertQuery().table('approval_decisions').insert({
      request_id: request.id,
      level: request.current_level,
      decision,
      decided_by: uow.actor.userId,
      comment,
    })
  }

  private async update(uow: UnitOfWork, requestId: number, changes: Record<string, unknown>) {
    const [row] = await uow.trx
      .from('approval_requests')
      .where('id', requestId)
      .update(changes)
      .returning('*')
    return row as ApprovalRequestRow
  }
}
