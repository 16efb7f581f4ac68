import type { Infer } from '@vinejs/vine/types'
import { InvalidInput, NotFound } from '#exceptions/api_errors'
import type { approvalRuleValidator } from '#modules/approvals/validators/approval_validators'
import type { UnitOfWork } from '#modules/shared/unit_of_work'

type RuleInput = Infer<typeof approvalRuleValidator>

export function ruleView(row: Record<string, any>) {
  return {
    id: row.id,
    name: row.name,
    actionType: row.action_type,
    minBaseAmount: row.min_base_amount,
    currency: row.currency,
    department: row.department,
    projectId: row.project_id,
    levels: row.levels,
    isActive: row.is_active,
  }
}

/** Admin-managed approval rules; every change is audited with before and after. */
export class ApprovalRuleService {
  async create(uow: UnitOfWork, input: RuleInput) {
    const [row] = await uow.trx
      .insertQuery()
      .table('approval_rules')
      .insert(this.columns(input))
      .returning('*')
    uow.audit({
      entityType: 'approval_rule',
      entityId: row.id,
      action: 'create',
      after: ruleView(row),
    })
    return ruleView(row)
  }

  async update(uow: UnitOfWork, id: number, input: RuleInput) {
    const current = await uow.trx.from('approval_rules').where('id', id).forUpdate().first()
    if (!current) throw new NotFound('approval rule')
    const [row] = await uow.trx
      .from('approval_rules')
      .where('id', id)
      .update({ ...this.columns(input), updated_at: new Date() })
      .returning('*')
    uow.audit({
      entityType: 'approval_rule',
      entityId: id,
      action: 'update',
      before: ruleView(current),
      after: ruleView(row),
    })
    return ruleView(row)
  }

  private columns(input: RuleInput) {
    for (const [n, level] of input.levels.entries()) {
      if (Boolean(level.role) === Boolean(level.userId)) {
        throw new InvalidInput(
          `levels.${n}`,
          'oneApprover',
          'each level names exactly one role or one user'
        )
      }
    }
    return {
      name: input.name,
      action_type: input.actionType,
      min_base_amount: input.minBaseAmount ?? null,
      currency: input.currency ?? null,
      department: input.department ?? null,
      project_id: input.projectId ?? null,
      levels: JSON.stringify(input.levels),
      is_active: input.isActive ?? true,
    }
  }
}
