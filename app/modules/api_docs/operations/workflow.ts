import { ROLES, created, ok, tagged } from '#modules/api_docs/operation_kit'
import type { OperationTable } from '#modules/api_docs/openapi_types'
import {
  approvalRuleValidator,
  decisionValidator,
  listApprovalsValidator,
} from '#modules/approvals/public'
import {
  alertTransitionValidator,
  createRuleValidator,
  listAlertsValidator,
  updateRuleValidator,
} from '#modules/alerts/public'
import {
  installmentPlanValidator,
  installmentQueryValidator,
  matchReceiptValidator,
} from '#modules/installments/public'

const ALERT_READERS = 'finance, finance_manager, admin, auditor, executive; sales: own customers'
const approval = (description: string) => ok(description, 'Approval')
const decided = (description: string) => ok(description, 'ApprovalDecision')

/** Approvals (审批流), installment plans and alerts (预警). */
export const workflowOperations: OperationTable = {
  ...tagged('approvals', {
    'GET /approvals': {
      summary: 'Approval requests (awaitingMe=true: the approver’s inbox)',
      roles: ROLES.readersOwn,
      query: listApprovalsValidator,
      responses: ok('the requests', 'ApprovalList'),
    },
    'GET /approvals/:id': {
      summary: 'An approval request with its decisions',
      responses: approval('the request'),
    },
    'POST /approvals/:id/approve': {
      summary: 'Approve the current level (the journal posts at the last one)',
      roles: 'whoever the current level names; never the requester, never two levels by one person',
      idempotent: true,
      body: decisionValidator,
      responses: decided('the request and, at the last level, what it did'),
    },
    'POST /approvals/:id/reject': {
      summary: 'Reject: the reservation is released',
      idempotent: true,
      body: decisionValidator,
      responses: decided('rejected'),
    },
    'POST /approvals/:id/cancel': {
      summary: 'Cancel one’s own request',
      roles: 'the requester',
      idempotent: true,
      responses: decided('cancelled'),
    },
    'GET /approval-rules': {
      summary: 'Approval rules',
      responses: ok('the rules', 'ApprovalRuleList'),
    },
    'POST /approval-rules': {
      summary: 'Create an approval rule',
      roles: 'admin',
      idempotent: true,
      body: approvalRuleValidator,
      responses: created('created', 'ApprovalRule'),
    },
    'PUT /approval-rules/:id': {
      summary: 'Replace an approval rule',
      roles: 'admin',
      idempotent: true,
      body: approvalRuleValidator,
      responses: ok('replaced', 'ApprovalRule'),
    },
  }),
  ...tagged('installments', {
    'GET /projects/:id/installments': {
      summary: 'A project’s installment plan: paid, outstanding, state per installment',
      roles: 'readers (sales: own)',
      query: installmentQueryValidator,
      responses: ok('the plan and what is paid', 'InstallmentStatus'),
    },
    'PUT /projects/:id/installments': {
      summary: 'Replace a project’s installment plan',
      roles: ROLES.ownerOrFinance,
      idempotent: true,
      body: installmentPlanValidator,
      responses: ok('the new plan', 'InstallmentPlan'),
    },
    'POST /installments/:id/receipts': {
      summary: 'Match a receipt to an installment explicitly',
      idempotent: true,
      body: matchReceiptValidator,
      responses: created('matched', 'InstallmentMatch'),
    },
  }),
  ...tagged('alerts', {
    'GET /alerts': {
      summary: 'Alerts (预警), newest first',
      roles: ALERT_READERS,
      query: listAlertsValidator,
      responses: ok('a page of alerts', 'AlertPage'),
    },
    'POST /alerts/:id/acknowledge': {
      summary: 'Acknowledge an open alert',
      roles: 'finance, finance_manager, sales (own)',
      idempotent: true,
      body: alertTransitionValidator,
      responses: ok('acknowledged', 'Alert'),
    },
    'POST /alerts/:id/resolve': {
      summary: 'Resolve an alert',
      roles: 'finance, finance_manager, sales (own)',
      idempotent: true,
      body: alertTransitionValidator,
      responses: ok('resolved', 'Alert'),
    },
    'GET /alert-rules': {
      summary: 'Alert rules',
      roles: ALERT_READERS,
      responses: ok('the rules', 'AlertRuleList'),
    },
    'POST /alert-rules': {
      summary: 'Create an alert rule',
      roles: 'admin',
      idempotent: true,
      body: createRuleValidator,
      responses: created('created', 'AlertRule'),
    },
    'GET /alert-rules/:id': {
      summary: 'An alert rule',
      roles: ALERT_READERS,
      responses: ok('the rule', 'AlertRule'),
    },
    'PATCH /alert-rules/:id': {
      summary: 'Change an alert rule',
      roles: 'admin',
      idempotent: true,
      body: updateRuleValidator,
      responses: ok('changed', 'AlertRule'),
    },
    'DELETE /alert-rules/:id': {
      summary: 'Delete an alert rule that raised no alert (409 rule_in_use otherwise)',
      roles: 'admin',
      idempotent: true,
      responses: { 204: { description: 'deleted' } },
    },
  }),
}
