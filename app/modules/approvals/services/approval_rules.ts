import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { Money } from '#kernel/money/money'
import type { ApprovalAction, ApprovalLevel } from '#modules/approvals/default_rules'

export interface RuleSubject {
  action: ApprovalAction
  baseAmount: Money
  currency: string | null
  department: string | null
  projectId: number | null
}

export interface MatchedRule {
  id: number
  levels: ApprovalLevel[]
}

/**
 * Picks the rule for a request: among the active rules whose conditions all hold, the one with the
 * highest threshold wins (so "≥ ¥100,000: two levels" beats "any refund: one level"), then the more
 * specific one (currency, department, project).
 */
export async function matchApprovalRule(
  client: QueryClientContract,
  subject: RuleSubject
): Promise<MatchedRule | null> {
  const result = await client.rawQuery(
    `SELECT id, levels FROM approval_rules
      WHERE is_active AND action_type = :action
        AND (min_base_amount IS NULL OR min_base_amount <= :amount)
        AND (currency IS NULL OR currency = :currency)
        AND (department IS NULL OR department = :department)
        AND (project_id IS NULL OR project_id = :projectId)
      ORDER BY coalesce(min_base_amount, 0) DESC,
               (currency IS NOT NULL)::int + (department IS NOT NULL)::int + (project_id IS NOT NULL)::int DESC,
               id
      LIMIT 1`,
    {
      action: subject.action,
      amount: subject.baseAmount.toFixed(),
      currency: subject.currency ?? '',
      department: subject.department ?? '',
      projectId: subject.projectId ?? 0,
    }
  )
  return result.rows[0] ?? null
}
