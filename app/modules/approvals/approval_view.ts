import { formatAmount } from '#kernel/money/money'
import { company } from '#kernel/company'
import type { ApprovalLevel } from '#modules/approvals/default_rules'

export interface ApprovalRequestRow {
  id: number
  action_type: string
  status: string
  rule_id: number | null
  levels: ApprovalLevel[]
  current_level: number
  customer_id: number
  project_id: number | null
  currency: string | null
  amount: string | null
  base_amount: string | null
  reserved: string
  payload: Record<string, unknown>
  journal_id: number | null
  requested_by: number
  created_at: Date | string
  expires_at: Date | string
  decided_at: Date | string | null
  comment: string | null
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString())

/** The wire and audit form of an approval request. */
export function approvalView(row: ApprovalRequestRow, decisions: Array<Record<string, any>> = []) {
  const money = (value: string | null, currency: string | null) =>
    value === null || currency === null ? null : formatAmount(value, currency)
  return {
    id: row.id,
    actionType: row.action_type,
    status: row.status,
    ruleId: row.rule_id,
    levels: row.levels,
    currentLevel: row.current_level,
    customerId: row.customer_id,
    projectId: row.project_id,
    currency: row.currency,
    amount: money(row.amount, row.currency),
    baseAmount: money(row.base_amount, company.baseCurrency),
    reserved: money(row.reserved, row.currency),
    request: row.payload,
    journalId: row.journal_id,
    requestedBy: row.requested_by,
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    decidedAt: iso(row.decided_at),
    comment: row.comment,
    decisions: decisions.map((d) => ({
      level: d.level,
      decision: d.decision,
      decidedBy: d.decided_by,
      comment: d.comment,
      decidedAt: iso(d.decided_at),
    })),
  }
}

export type ApprovalView = ReturnType<typeof approvalView>
