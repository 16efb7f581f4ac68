/**
 * The approval rules a new installation starts with. Admins change them in the panel or the API.
 * Thresholds are in the base currency (CNY).
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

export const DEFAULT_APPROVAL_RULES: Array<{
  name: string
  action_type: ApprovalAction
  min_base_amount: string | null
  levels: ApprovalLevel[]
}> = [
  {
    name: '退款审批',
    action_type: 'refund',
    min_base_amount: null,
    levels: [{ role: 'finance_manager' }],
  },
  {
    name: '大额退款两级审批 (≥ ¥100,000)',
    action_type: 'refund',
    min_base_amount: '100000',
    levels: [{ role: 'finance_manager' }, { role: 'admin' }],
  },
  {
    name: '调整审批',
    action_type: 'adjustment',
    min_base_amount: null,
    levels: [{ role: 'finance_manager' }],
  },
  {
    name: '红冲审批',
    action_type: 'reversal',
    min_base_amount: null,
    levels: [{ role: 'finance_manager' }],
  },
  {
    name: '大额核销审批 (≥ ¥500,000)',
    action_type: 'application',
    min_base_amount: '500000',
    levels: [{ role: 'finance_manager' }],
  },
  {
    name: '信用额度变更审批',
    action_type: 'credit_limit_change',
    min_base_amount: null,
    levels: [{ role: 'finance_manager' }],
  },
  {
    name: '客户停用审批',
    action_type: 'customer_deactivation',
    min_base_amount: null,
    levels: [{ role: 'finance_manager' }],
  },
]
