import type { OperationTable } from '#modules/api_docs/openapi_types'
import {
  approvalRuleValidator,
  decisionValidator,
  listApprovalsValidator,
} from '#modules/approvals/validators/approval_validators'
import {
  alertTransitionValidator,
  createRuleValidator,
  listAlertsValidator,
  updateRuleValidator,
} from '#modules/alerts/validators/alert_validators'
import {
  installmentPlanValidator,
  installmentQueryValidator,
  matchReceiptValidator,
} from '#modules/installments/validators/installment_validators'

const ALERT_READERS = 'finance, finance_manager, admin, auditor, executive; sales: own customers'
const approval = (description: string) => ({
  200: { description, schema: 'Approval' },
})
const decided = (description: string) => ({
  200: { description, schema: 'ApprovalDecision' },
})

/** Approvals (审批流), installment plans and alerts (预警). */
export const workflowOperations: OperationTable = {
  'GET /approvals': {
    summary: 'Approval requests (awaitingMe=true: the approver’s inbox)',
    tag: 'approvals',
    roles: 'every role (sales: own customers)',
    query: listApprovalsValidator,
    responses: { 200: { description: 'the requests', schema: 'ApprovalList' } },
  },
  'GET /approvals/:id': {
    summary: 'An approval request with its decisions',
    tag: 'approvals',
    responses: approval('the request'),
  },
  'POST /approvals/:id/approve': {
    summary: 'Approve the current level (the journal posts at the last one)',
    tag: 'approvals',
    roles: 'whoever the current level names; never the requester, never two levels by one person',
    idempotent: true,
    body: decisionValidator,
    responses: {
      200: {
        description: 'the request and, at the last level, what it did',
        schema: 'ApprovalDecision',
      },
    },
  },
  'POST /approvals/:id/reject': {
    summary: 'Reject: the reservation is released',
    tag: 'approvals',
    idempotent: true,
    body: decisionValidator,
    responses: decided('rejected'),
  },
  'POST /approvals/:id/cancel': {
    summary: 'Cancel one’s own request',
    tag: 'approvals',
    roles: 'the requester',
    idempotent: true,
    responses: decided('cancelled'),
  },
  'GET /approval-rules': {
    summary: 'Approval rules',
    tag: 'approvals',
    responses: { 200: { description: 'the rules', schema: 'ApprovalRuleList' } },
  },
  'POST /approval-rules': {
    summary: 'Create an approval rule',
    tag: 'approvals',
    roles: 'admin',
    idempotent: true,
    body: approvalRuleValidator,
    responses: { 201: { description: 'created', schema: 'ApprovalRule' } },
  },
  'PUT /approval-rules/:id': {
    summary: 'Replace an approval rule',
    tag: 'approvals',
    roles: 'admin',
    idempotent: true,
    body: approvalRuleValidator,
    responses: { 200: { description: 'replaced', schema: 'ApprovalRule' } },
  },
  'GET /projects/:id/installments': {
    summary: 'A project’s installment plan: paid, outstanding, state per installment',
    tag: 'installments',
    roles: 'readers (sales: own)',
    query: installmentQueryValidator,
    responses: { 200: { description: 'the plan and what is paid', schema: 'InstallmentStatus' } },
  },
  'PUT /projects/:id/installments': {
    summary: 'Replace a project’s installment plan',
    tag: 'installments',
    roles: 'admin, sales (own), finance, finance_manager',
    idempotent: true,
    body: installmentPlanValidator,
    responses: { 200: { description: 'the new plan', schema: 'InstallmentPlan' } },
  },
  'POST /installments/:id/receipts': {
    summary: 'Match a receipt to an installment explicitly',
    tag: 'installments',
    idempotent: true,
    body: matchReceiptValidator,
    responses: { 201: { description: 'matched', schema: 'InstallmentMatch' } },
  },
  'GET /alerts': {
    summary: 'Alerts (预警), newest first',
    tag: 'alerts',
    roles: ALERT_READERS,
    query: listAlertsValidator,
    responses: { 200: { description: 'a page of alerts', schema: 'AlertPage' } },
  },
  'POST /alerts/:id/acknowledge': {
    summary: 'Acknowledge an open alert',
    tag: 'alerts',
    roles: 'finance, finance_manager, sales (own)',
    idempotent: true,
    body: alertTransitionValidator,
    responses: { 200: { description: 'acknowledged', schema: 'Alert' } },
  },
  'POST /alerts/:id/resolve': {
    summary: 'Resolve an alert',
    tag: 'alerts',
    roles: 'finance, finance_manager, sales (own)',
    idempotent: true,
    body: alertTransitionValidator,
    responses: { 200: { description: 'resolved', schema: 'Alert' } },
  },
  'GET /alert-rules': {
    summary: 'Alert rules',
    tag: 'alerts',
    roles: ALERT_READERS,
    responses: { 200: { description: 'the rules', schema: 'AlertRuleList' } },
  },
  'POST /alert-rules': {
    summary: 'Create an alert rule',
    tag: 'alerts',
    roles: 'admin',
    idempotent: true,
    body: createRuleValidator,
    responses: { 201: { description: 'created', schema: 'AlertRule' } },
  },
  'GET /alert-rules/:id': {
    summary: 'An alert rule',
    tag: 'alerts',
    roles: ALERT_READERS,
    responses: { 200: { description: 'the rule', schema: 'AlertRule' } },
  },
  'PATCH /alert-rules/:id': {
    summary: 'Change an alert rule',
    tag: 'alerts',
    roles: 'admin',
    idempotent: true,
    body: updateRuleValidator,
    responses: { 200: { description: 'changed', schema: 'AlertRule' } },
  },
  'DELETE /alert-rules/:id': {
    summary: 'Delete an alert rule that raised no alert (409 rule_in_use otherwise)',
    tag: 'alerts',
    roles: 'admin',
    idempotent: true,
    responses: { 204: { description: 'deleted' } },
  },
}
