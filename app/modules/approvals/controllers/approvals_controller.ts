import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { ApprovalService } from '#modules/approvals/services/approval_service'
import {
  decisionValidator,
  listApprovalsValidator,
} from '#modules/approvals/validators/approval_validators'
import { authorize, authorizedList, routeId } from '#modules/identity/public'
import { authorizedCustomer } from '#modules/customers/public'
import { listApprovals } from '#workflows/approval_lists'
import { respond } from '#kernel/api_command'

@inject()
export default class ApprovalsController {
  constructor(private approvals: ApprovalService) {}

  /** GET /api/v1/approvals?status&awaitingMe&customerId — awaitingMe is the approver's in-app inbox. */
  async index(ctx: HttpContext) {
    return authorizedList(ctx, 'approvals.read', listApprovalsValidator, (filters) =>
      listApprovals(ctx.auth.getUserOrFail(), filters)
    )
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'approvals.read')
    const view = await this.approvals.show(routeId(ctx))
    await authorizedCustomer(ctx, view.customerId, 'approvals.read')
    return view
  }

  async approve(ctx: HttpContext) {
    const { comment } = await ctx.request.validateUsing(decisionValidator)
    await respond(ctx, 200, (uow) => this.approvals.approve(uow, routeId(ctx), comment ?? null))
  }

  async reject(ctx: HttpContext) {
    const { comment } = await ctx.request.validateUsing(decisionValidator)
    await respond(ctx, 200, (uow) => this.approvals.reject(uow, routeId(ctx), comment ?? null))
  }

  async cancel(ctx: HttpContext) {
    await respond(ctx, 200, (uow) => this.approvals.cancel(uow, routeId(ctx)))
  }
}
