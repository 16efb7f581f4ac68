import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import { Forbidden } from '#kernel/errors'
import { approvalView } from '#modules/approvals/approval_view'
import { ApprovalService, mayDecide } from '#modules/approvals/services/approval_service'
import {
  decisionValidator,
  listApprovalsValidator,
} from '#modules/approvals/validators/approval_validators'
import { authorize, authorizedInput } from '#modules/identity/public'
import { withinReach } from '#modules/customers/public'
import { actorFromHttp } from '#kernel/actor'
import { respond } from '#kernel/api_command'

@inject()
export default class ApprovalsController {
  constructor(private approvals: ApprovalService) {}

  /** GET /api/v1/approvals?status&awaitingMe&customerId — awaitingMe is the approver's in-app inbox. */
  async index(ctx: HttpContext) {
    const filters = await authorizedInput(ctx, 'approvals.read', listApprovalsValidator)
    const user = ctx.auth.getUserOrFail()
    const query = db
      .from('approval_requests')
      .orderBy('id', 'desc')
      .limit(filters.limit ?? 100)
    if (filters.status) query.where('status', filters.status)
    // The inbox only ever holds pending requests: filter in SQL so the limit counts only those.
    if (filters.awaitingMe) query.where('status', 'pending')
    if (filters.customerId) query.where('customer_id', filters.customerId)
    withinReach(query, user, 'customer_id')
    let rows = await query
    if (filters.awaitingMe) {
      const actor = actorFromHttp(ctx)
      const decided = await db
        .from('approval_decisions')
        .whereIn(
          'request_id',
          rows.map((r) => r.id)
        )
        .select('request_id', 'decided_by')
      const decidersOf = (id: number) =>
        decided.filter((d) => d.request_id === id).map((d) => d.decided_by)
      rows = rows.filter((r) =>
        mayDecide(
          {
            status: r.status,
            requestedBy: r.requested_by,
            level: r.levels[r.current_level - 1],
            deciders: decidersOf(r.id),
          },
          actor
        )
      )
    }
    return { data: rows.map((row) => approvalView(row)) }
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'approvals.read')
    const view = await this.approvals.show(Number(ctx.params.id))
    const user = ctx.auth.getUserOrFail()
    const reached = await withinReach(db.from('customers'), user, 'id')
      .where('id', view.customerId)
      .first()
    if (!reached) throw new Forbidden()
    return view
  }

  async approve(ctx: HttpContext) {
    const { comment } = await ctx.request.validateUsing(decisionValidator)
    await respond(ctx, 200, (uow) =>
      this.approvals.approve(uow, Number(ctx.params.id), comment ?? null)
    )
  }

  async reject(ctx: HttpContext) {
    const { comment } = await ctx.request.validateUsing(decisionValidator)
    await respond(ctx, 200, (uow) =>
      this.approvals.reject(uow, Number(ctx.params.id), comment ?? null)
    )
  }

  async cancel(ctx: HttpContext) {
    await respond(ctx, 200, (uow) => this.approvals.cancel(uow, Number(ctx.params.id)))
  }
}
