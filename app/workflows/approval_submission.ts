import { inject } from '@adonisjs/core'
import type { ApprovalAction } from '#modules/approvals/public'
import { ApprovalGate } from '#modules/approvals/public'
import { company, companyToday } from '#kernel/company'
import { Money, toBaseAmount } from '#kernel/money/money'
import { ExchangeRateService } from '#modules/prepayments/public'
import { LedgerWriter, type Reservation } from '#modules/prepayments/public'
import { ApprovedActions } from '#workflows/approved_actions'
import type { StoredResponse } from '#kernel/idempotency'
import type { UnitOfWork } from '#kernel/unit_of_work'

/** An action that may need approval, described the same way whichever endpoint asks for it. */
export interface Submission {
  action: ApprovalAction
  customerId: number
  projectId: number | null
  /** money the action moves (compared with rule thresholds), or null */
  currency: string | null
  amount: Money | null
  /** amount to hold on the balance while the request is open */
  reserve: Money | null
  payload: Record<string, unknown>
  /** status when no approval is needed and the action runs at once */
  directStatus: number
}

/**
 * The single entry point for approvable actions (request → hold → approve → post): runs them at
 * once when no rule applies, otherwise holds their amount on the ledger, records a pending request
 * and answers 202 with it.
 */
@inject()
export class ApprovalSubmission {
  constructor(
    private gate: ApprovalGate,
    private actions: ApprovedActions,
    private writer: LedgerWriter,
    private rates: ExchangeRateService
  ) {}

  async submit(uow: UnitOfWork, submission: Submission): Promise<StoredResponse> {
    const baseAmount = await this.baseAmount(uow, submission)
    const rule = await this.gate.ruleFor(uow, { ...submission, baseAmount })
    if (!rule) {
      const { body } = await this.actions.execute(uow, submission.action, submission.payload)
      return { status: submission.directStatus, body }
    }
    if (submission.reserve && submission.currency) {
      // Held as the movement it will post (movement_kinds say whether that may use credit).
      await this.writer.reserve(uow, {
        kind: submission.action as Reservation['kind'],
        customerId: submission.customerId,
        projectId: submission.projectId,
        currency: submission.currency,
        amount: submission.reserve,
      })
    }
    const view = await this.gate.open(uow, rule, {
      ...submission,
      baseAmount,
      reserved: submission.reserve && submission.currency ? submission.reserve : null,
    })
    return { status: 202, body: view }
  }

  private async baseAmount(uow: UnitOfWork, submission: Submission): Promise<Money> {
    if (!submission.amount || !submission.currency) return new Money(0)
    const rate = await this.rates.rateFor(uow.trx, submission.currency, companyToday())
    return toBaseAmount(submission.amount.abs(), rate, company.baseCurrency)
  }
}
