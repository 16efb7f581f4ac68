import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import { ApprovalRuleService, ruleView } from '#modules/approvals/services/approval_rule_service'
import { approvalRuleValidator } from '#modules/approvals/validators/approval_validators'
import { authorize, authorizedInput } from '#modules/identity/public'
import { respond } from '#kernel/api_command'

@inject()
export default class ApprovalRulesController {
  constructor(private rules: ApprovalRuleService) {}

  async index(ctx: HttpContext) {
    await authorize(ctx, 'approvals.read')
    const rows = await db.from('approval_rules').orderBy('action_type').orderBy('id')
    return { data: rows.map(ruleView) }
  }

  async store(ctx: HttpContext) {
    const input = await authorizedInput(ctx, 'approval_rules.manage', approvalRuleValidator)
    await respond(ctx, 201, (uow) => this.rules.create(uow, input))
  }

  /** PUT replaces a rule; deactivate with isActive: false (rules are never deleted: requests cite them). */
  async update(ctx: HttpContext) {
    const input = await authorizedInput(ctx, 'approval_rules.manage', approvalRuleValidator)
    await respond(ctx, 200, (uow) => this.rules.update(uow, Number(ctx.params.id), input))
  }
}
