import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import { ApprovalRuleService, ruleView } from '#modules/approvals/services/approval_rule_service'
import { approvalRuleValidator } from '#modules/approvals/validators/approval_validators'
import PermissionPolicy from '#modules/identity/policies/permission_policy'
import { executeCommand } from '#kernel/api_command'

@inject()
export default class ApprovalRulesController {
  constructor(private rules: ApprovalRuleService) {}

  async index(ctx: HttpContext) {
    await ctx.bouncer.with(PermissionPolicy).authorize('allows', 'approvals.read')
    const rows = await db.from('approval_rules').orderBy('action_type').orderBy('id')
    return { data: rows.map(ruleView) }
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.with(PermissionPolicy).authorize('allows', 'approval_rules.manage')
    const input = await ctx.request.validateUsing(approvalRuleValidator)
    await executeCommand(ctx, async (uow) => ({
      status: 201,
      body: await this.rules.create(uow, input),
    }))
  }

  /** PUT replaces a rule; deactivate with isActive: false (rules are never deleted: requests cite them). */
  async update(ctx: HttpContext) {
    await ctx.bouncer.with(PermissionPolicy).authorize('allows', 'approval_rules.manage')
    const input = await ctx.request.validateUsing(approvalRuleValidator)
    await executeCommand(ctx, async (uow) => ({
      status: 200,
      body: await this.rules.update(uow, Number(ctx.params.id), input),
    }))
  }
}
