import type { schemaFields } from '#tests/support/fuzz'
import {
  createCustomerValidator,
  createProjectValidator,
  listCustomersValidator,
  updateCustomerValidator,
} from '#modules/customers/validators/customer_validators'
import {
  adjustmentValidator,
  applicationValidator,
  exchangeRateValidator,
  ledgerQueryValidator,
  receiptValidator,
  refundValidator,
  reversalValidator,
} from '#modules/prepayments/validators/posting_validators'
import {
  approvalRuleValidator,
  decisionValidator,
  listApprovalsValidator,
} from '#modules/approvals/validators/approval_validators'
import {
  installmentPlanValidator,
  installmentQueryValidator,
  matchReceiptValidator,
} from '#modules/installments/validators/installment_validators'
import {
  alertTransitionValidator,
  createRuleValidator,
  listAlertsValidator,
  updateRuleValidator,
} from '#modules/alerts/validators/alert_validators'
import {
  balancesExportValidator,
  balancesQueryValidator,
  createScheduleValidator,
  deliveriesQueryValidator,
  resendValidator,
  updateScheduleValidator,
} from '#modules/reports/validators/report_validators'
import { credentialsValidator } from '#modules/identity/validators/auth_validators'

export type Validator = Parameters<typeof schemaFields>[0]
export interface Schema {
  validator: Validator
  base: Record<string, unknown>
}
export interface Fixture {
  tokens: Record<'finance_manager' | 'admin' | 'auditor', string>
  ids: Record<string, string>
}

/** Body and query schemas per route, each with a valid base the mutations start from. */
export function fuzzSchemas(f: Fixture): Record<string, { body?: Schema; query?: Schema }> {
  const movement = { customerId: Number(f.ids.customer), amount: '1.00', currency: 'CNY' }
  const levels = [{ role: 'finance_manager' }]
  return {
    'POST /api/v1/auth/tokens': {
      body: { validator: credentialsValidator, base: { email: 'nobody@x.test', password: 'x' } },
    },
    'GET /api/v1/customers': { query: { validator: listCustomersValidator, base: {} } },
    'POST /api/v1/customers': {
      body: {
        validator: createCustomerValidator,
        base: { code: 'FUZZ', name: '模糊', defaultCurrency: 'CNY' },
      },
    },
    'PATCH /api/v1/customers/:id': {
      body: { validator: updateCustomerValidator, base: { name: '模糊' } },
    },
    'POST /api/v1/customers/:id/projects': {
      body: { validator: createProjectValidator, base: { code: 'P', name: '项目' } },
    },
    'GET /api/v1/customers/:id/ledger': { query: { validator: ledgerQueryValidator, base: {} } },
    'POST /api/v1/receipts': {
      body: { validator: receiptValidator, base: { ...movement, channel: 'cash' } },
    },
    'POST /api/v1/applications': {
      body: {
        validator: applicationValidator,
        base: { ...movement, documentType: 'invoice', documentNo: 'F-1' },
      },
    },
    'POST /api/v1/refunds': { body: { validator: refundValidator, base: movement } },
    'POST /api/v1/adjustments': {
      body: { validator: adjustmentValidator, base: { ...movement, reason: 'fuzz' } },
    },
    'POST /api/v1/journals/:id/reverse': {
      body: { validator: reversalValidator, base: { reason: 'fuzz' } },
    },
    'POST /api/v1/exchange-rates': {
      body: {
        validator: exchangeRateValidator,
        base: { currency: 'CNY', rateDate: '1990-01-01', rate: 'x' },
      },
    },
    'GET /api/v1/approvals': { query: { validator: listApprovalsValidator, base: {} } },
    'POST /api/v1/approvals/:id/approve': { body: { validator: decisionValidator, base: {} } },
    'POST /api/v1/approvals/:id/reject': { body: { validator: decisionValidator, base: {} } },
    'POST /api/v1/approvals/:id/cancel': { body: { validator: decisionValidator, base: {} } },
    'POST /api/v1/approval-rules': {
      body: {
        validator: approvalRuleValidator,
        base: { name: 'fuzz', actionType: 'refund', levels, isActive: false },
      },
    },
    'PUT /api/v1/approval-rules/:id': {
      body: {
        validator: approvalRuleValidator,
        base: { name: 'fuzz', actionType: 'refund', levels, isActive: false },
      },
    },
    'GET /api/v1/projects/:id/installments': {
      query: { validator: installmentQueryValidator, base: {} },
    },
    'PUT /api/v1/projects/:id/installments': {
      body: {
        validator: installmentPlanValidator,
        base: { installments: [{ dueDate: '2030-01-01', amount: '1.00', label: 'x' }] },
      },
    },
    'POST /api/v1/installments/:id/receipts': {
      body: { validator: matchReceiptValidator, base: { journalId: Number(f.ids.journal) } },
    },
    'GET /api/v1/alerts': { query: { validator: listAlertsValidator, base: {} } },
    'POST /api/v1/alerts/:id/acknowledge': {
      body: { validator: alertTransitionValidator, base: {} },
    },
    'POST /api/v1/alerts/:id/resolve': { body: { validator: alertTransitionValidator, base: {} } },
    'POST /api/v1/alert-rules': {
      body: {
        validator: createRuleValidator,
        base: {
          code: 'fuzz_rule',
          ruleType: 'low_balance',
          nameZh: '模糊',
          nameEn: 'fuzz',
          severity: 'info',
          enabled: false,
        },
      },
    },
    'PATCH /api/v1/alert-rules/:id': { body: { validator: updateRuleValidator, base: {} } },
    'GET /api/v1/reports/balances': {
      query: { validator: balancesQueryValidator, base: { groupBy: 'customer' } },
    },
    'POST /api/v1/reports/balances/exports': {
      body: {
        validator: balancesExportValidator,
        base: { groupBy: 'customer', format: 'csv', from: '2025-01-01', to: '2025-01-31' },
      },
    },
    'POST /api/v1/report-schedules': {
      body: {
        validator: createScheduleValidator,
        base: {
          name: 'fuzz',
          kind: 'statements',
          cron: '0 8 1 * *',
          periodRule: 'previous_month',
          enabled: false,
        },
      },
    },
    'PATCH /api/v1/report-schedules/:id': {
      body: { validator: updateScheduleValidator, base: {} },
    },
    'GET /api/v1/report-deliveries': { query: { validator: deliveriesQueryValidator, base: {} } },
    'POST /api/v1/report-deliveries/:id/resend': { body: { validator: resendValidator, base: {} } },
  }
}
