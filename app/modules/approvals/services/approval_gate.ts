import { inject } from '@adonisjs/core'
import emitter from '@adonisjs/core/services/emitter'
import type { Decimal } from 'decimal.js'
import { approvalView, type ApprovalRequestRow } from '#modules/approvals/approval_view'
import type { ApprovalAction } from '#modules/approvals/default_rules'
import { ApprovalActions } from '#modules/approvals/services/approval_actions'
import { matchApprovalRule } from '#modules/approvals/services/approval_rules'
import { company, companyToday } from '#kernel/company'
import { Money, toBaseAmount } from '#kernel/money/money'
import { ExchangeRateService } from '#modules/prepayments/services/exchange_rate_service'
import { LedgerWriter } from '#modules/prepayments/services/ledger_writer'
import type { StoredResponse } from '#kernel/idempotency'
import type { UnitOfWork } from '#kernel/unit_of_work'

/** An action that may need approval, described the same way whichever endpoint asks for it. */
export interface Submission {
  action: ApprovalAction
  customerId: number
  projectId: number | null
  /** money the action moves (compared with rule thresholds), or null */
  currency: string | null
  amount: Decimal | null
  /** amount to hold on the balance while the request is open */
  reserve: Decimal | null
  mayUseCredit: boolean
  payload: Record<string, unknown>
  /** status when no approval is needed and the action runs at once */
  directStatus: number
}

export const APPROVAL_TTL_DAYS = 7

/**
 * The single entry point for approvable actions: runs them at once when no rule applies, otherwise
 * records a pending request, reserves its amount, and answers 202 with the request.
 */
@inject()
export class ApprovalGate {
  constructor(
    private actions: ApprovalActions,
    private writer: LedgerWriter,
    private rates: ExchangeRateService
  ) {}

  async submit(uow: UnitOfWork, submission: Submission): Promise<StoredResponse> {
    const customer = await uow.trx
      .from('customers')
      .select('department')
      .where('id', submission.customerId)
      .first()
    const baseAmount = await this.baseAmount(uow, submission)
    const rule = await matchApprovalRule(uow.trx, {
      action: submission.action,
      baseAmount,
      currency: submission.currency,
      department: customer?.department ?? null,
      projectId: submission.projectId,
    })
    if (!rule) {
      const { body } = await this.actions.execute(uow, submission.action, submission.payload)
      return { status: submission.directStatus, body }
    }
    if (submission.reserve && submission.currency) {
      await this.writer.reserve(uow, {
        kind: submission.action === 'application' ? 'application' : 'refund',
        customerId: submission.customerId,
        projectId: submission.projectId,
        currency: submission.currency,
        amount: submission.reserve,
        mayUseCredit: submission.mayUseCredit,
      })
    }
    const [row] = (await uow.trx
      .insertQuery()
      .table('approval_requests')
      .insert({
        action_type: submission.action,
        rule_id: rule.id,
        levels: JSON.stringify(rule.levels),
        customer_id: submission.customerId,
        project_id: submission.projectId,
        currency: submission.currency,
        amount: submission.amount?.toFixed() ?? null,
        base_amount: baseAmount.toFixed(),
        reserved: submission.reserve?.toFixed() ?? '0',
        payload: JSON.stringify(submission.payload),
        requested_by: uow.actor.userId,
        expires_at: new Date(Date.now() + APPROVAL_TTL_DAYS * 86_400_000),
      })
      .returning('*')) as ApprovalRequestRow[]
    const view = approvalView(row)
    uow.audit({ entityType: 'approval_request', entityId: row.id, action: 'request', after: view })
    uow.publish({ type: 'approval.requested', customerId: view.customerId, data: view })
    uow.onCommit(() => emitter.emit('approvals:awaiting_decision', view))
    return { status: 202, body: view }
  }

  private async baseAmount(uow: UnitOfWork, submission: Submission): Promise<Decimal> {
    if (!submission.amount || !submission.currency) return new Money(0)
    const rate = await this.rates.rateFor(uow.trx, submission.currency, companyToday())
    return toBaseAmount(submission.amount.abs(), rate, company.baseCurrency)
  }
}
