import { InvalidInput } from '#kernel/errors'
import { lockRow, updateRow } from '#kernel/table_rows'
import type { ApprovalRuleInput as RuleInput } from '#modules/approvals/validators/approval_validators'
import { hasPermission } from '#modules/identity/public'
import type { UnitOfWork } from '#kernel/unit_of_work'

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
      .insert(await this.columns(uow, input))
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
    const current = await lockRow(uow, 'approval_rules', id, 'approval rule')
    const row = await updateRow(uow, 'approval_rules', id, await this.columns(uow, input))
    uow.audit({
      entityType: 'approval_rule',
      entityId: id,
      action: 'update',
      before: ruleView(current),
      after: ruleView(row),
    })
    return ruleView(row)
  }

  private async columns(uow: UnitOfWork, input: RuleInput) {
    for (const [n, level] of input.levels.entries()) await this.assertApprover(uow, level, n)
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

  /** A level names exactly one approver: a role that may decide, or an active user with one. */
  private async assertApprover(uow: UnitOfWork, level: RuleInput['levels'][number], n: number) {
    if (Boolean(level.role) === Boolean(level.userId)) {
      throw new InvalidInput(
        `levels.${n}`,
        'oneApprover',
        'each level names exactly one role or one user'
      )
    }
    if (level.role && !hasPermission(level.role, 'approvals.decide')) {
      throw new InvalidInput(
        `levels.${n}.role`,
        'decides',
        `the role ${level.role} may not decide approval requests`
      )
    }
    if (level.userId) {
      const user = await uow.trx.from('users').where('id', level.userId).first()
      if (!user?.is_active || !hasPermission(user.role, 'approvals.decide')) {
        throw new InvalidInput(
          `levels.${n}.userId`,
          'decides',
          'userId must name an active user whose role may decide approval requests'
        )
      }
    }
  }
}
