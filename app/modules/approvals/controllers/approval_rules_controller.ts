import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { ApprovalRuleService, ruleView } from '#modules/approvals/services/approval_rule_service'
import { approvalRuleValidator } from '#modules/approvals/validators/approval_validators'
import { ManagedTableController } from '#modules/identity/public'

/**
 * Approval rules: read with approvals.read, kept by admins. PUT replaces a rule; deactivate with
 * isActive: false (rules are never deleted: requests cite them, so there is no show or delete).
 */
@inject()
export default class ApprovalRulesController extends ManagedTableController<
  typeof approvalRuleValidator,
  typeof approvalRuleValidator
> {
  constructor(rules: ApprovalRuleService) {
    super({
      read: 'approvals.read',
      manage: 'approval_rules.manage',
      list: async () => {
        const rows = await db.from('approval_rules').orderBy('action_type').orderBy('id')
        return rows.map(ruleView)
      },
      createWith: approvalRuleValidator,
      create: (uow, input) => rules.create(uow, input),
      updateWith: approvalRuleValidator,
      update: (uow, id, input) => rules.update(uow, id, input),
    })
  }
}
