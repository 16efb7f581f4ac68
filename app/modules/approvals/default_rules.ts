/**
 * What an approval rule can gate, and who decides at each level. The rules a new installation starts
 * with are installed by database/migrations/0006 (its own copy, as of that day); admins change them
 * in the panel or the API. Thresholds are in the base currency (CNY).
 */
export const APPROVAL_ACTIONS = [
  'refund',
  'adjustment',
  'reversal',
  'application',
  'credit_limit_change',
  'customer_deactivation',
  // an import of opening balances (the rule is installed by database/migrations/0050…)
  'opening_import',
  // 反核销 (the rule is installed by database/migrations/0230…)
  'unapplication',
] as const
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number]

export interface ApprovalLevel {
  role?: string
  userId?: number
}
