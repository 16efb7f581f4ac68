// What other modules may use of approvals (docs/structure.md, "Public surfaces").

export { approvalSchemas } from '#modules/approvals/approval_schemas'
export { approvalView } from '#modules/approvals/approval_view'
export type { ApprovalRequestRow, ApprovalView } from '#modules/approvals/approval_view'
export { APPROVAL_ACTIONS } from '#modules/approvals/default_rules'
export type { ApprovalAction, ApprovalLevel } from '#modules/approvals/default_rules'
export type {
  ApprovalExecutor,
  ApprovedContext,
  ExecutedAction,
} from '#modules/approvals/services/approval_execution'
export { ApprovalGate } from '#modules/approvals/services/approval_gate'
export { ApprovalRuleService } from '#modules/approvals/services/approval_rule_service'
export { matchApprovalRule } from '#modules/approvals/services/approval_rules'
export type { MatchedRule } from '#modules/approvals/services/approval_rules'
export {
  ApprovalService,
  decisionRefusal,
  mayDecide,
} from '#modules/approvals/services/approval_service'
export type { DecisionState } from '#modules/approvals/services/approval_service'
export {
  approvalRuleValidator,
  decisionValidator,
  listApprovalsValidator,
} from '#modules/approvals/validators/approval_validators'
