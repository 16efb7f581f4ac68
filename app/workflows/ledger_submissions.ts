import { inject } from '@adonisjs/core'
import { ApprovalGate } from '#modules/approvals/public'
import { ApprovalSubmission } from '#workflows/approval_submission'
import { refuse } from '#modules/prepayments/public'
import { toPlainDate } from '#kernel/company'
import { Money } from '#kernel/money/money'
import { parseAmount } from '#kernel/money/parse_amount'
import type {
  AdjustmentInput,
  ApplicationInput,
  RefundInput,
  ReversalInput,
} from '#modules/prepayments/public'
import { PostingService } from '#modules/prepayments/public'
import { PeriodService } from '#modules/prepayments/public'
import type { UnitOfWork } from '#kernel/unit_of_work'
import { DocumentLookup } from '#modules/prepayments/public'
import { UnapplicationService, type UnapplicationInput } from '#modules/prepayments/public'

/** Validated input as it is stored on a request and replayed after approval (dates as YYYY-MM-DD). */
function replayable<T extends object>(input: T): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).map(([key, value]) => [
      key,
      value instanceof Date ? toPlainDate(value) : value,
    ])
  )
}

/**
 * Describes each approvable ledger movement for the approval gate: what it moves, what it holds
 * while waiting, and the payload to replay. Postings go through here, never around it.
 */
@inject()
export class Submissions {
  constructor(
    private gate: ApprovalGate,
    private submission: ApprovalSubmission,
    private postings: PostingService,
    private periods: PeriodService,
    private documents: DocumentLookup,
    private unapplications: UnapplicationService
  ) {}

  async refund(uow: UnitOfWork, input: RefundInput) {
    await this.assertDateOpen(uow, input.entryDate)
    const amount = parseAmount('amount', input.amount, input.currency)
    return this.submission.submit(uow, {
      ...this.movement(input, amount),
      action: 'refund',
      reserve: amount,
    })
  }

  /**
   * 核销. A named document's open amount is checked now and again when the journal posts (under
   * the document's row lock, documents.sql): a request awaiting approval holds the advance, not
   * the document, so the later of two requests for one document is refused at its approval.
   */
  async application(uow: UnitOfWork, input: ApplicationInput) {
    await this.assertDateOpen(uow, input.entryDate)
    const amount = parseAmount('amount', input.amount, input.currency)
    const document = await this.documents.forApplication(uow.trx, input)
    if (document) this.documents.assertCovers(document, amount)
    return this.submission.submit(uow, {
      ...this.movement(input, amount),
      // a document's project is the application's (rules by project see it)
      projectId: input.projectId ?? document?.projectId ?? null,
      action: 'application',
      reserve: amount,
    })
  }

  async adjustment(uow: UnitOfWork, input: AdjustmentInput) {
    await this.assertDateOpen(uow, input.entryDate)
    const amount = parseAmount('amount', input.amount, input.currency, { allowNegative: true })
    return this.submission.submit(uow, {
      ...this.movement(input, amount.abs()),
      action: 'adjustment',
      reserve: amount.isNegative() ? amount.abs() : null,
    })
  }

  async reversal(uow: UnitOfWork, journalId: number, input: ReversalInput) {
    await this.assertDateOpen(uow, input.entryDate)
    const original = await this.postings.findReversible(uow, journalId)
    const requestId = await this.gate.pendingReversalOf(uow, journalId)
    if (requestId !== null) throw refuse('reversal_pending', { requestId: String(requestId) })
    const effect = new Money(original.amount)
    return this.submission.submit(uow, {
      action: 'reversal',
      customerId: Number(original.customer_id),
      projectId: original.project_id,
      currency: original.currency,
      amount: effect.abs(),
      // Reversing money in (a receipt) takes it out again: hold it like a refund.
      reserve: effect.isPositive() ? effect : null,
      payload: { ...replayable(input), journalId },
      directStatus: 201,
    })
  }

  /** 反核销 of one application (all or part of what it still applies), through the gate. */
  async unapplication(uow: UnitOfWork, journalId: number, input: UnapplicationInput) {
    await this.assertDateOpen(uow, input.entryDate)
    const application = await this.unapplications.findApplication(uow, journalId)
    const amount = this.unapplications.amountFor(application, input.amount)
    return this.submission.submit(uow, {
      action: 'unapplication',
      customerId: application.customerId,
      projectId: application.projectId,
      currency: application.currency,
      amount,
      // it gives money back to the advance: nothing to hold
      reserve: null,
      payload: { ...replayable(input), journalId },
      directStatus: 201,
    })
  }

  /** Refuse at once what could never be approved: a date in the future or in a closed period. */
  private async assertDateOpen(uow: UnitOfWork, entryDate: Date | string | undefined) {
    await this.periods.assertOpen(uow.trx, this.postings.entryDate(entryDate))
  }

  private movement(input: RefundInput | ApplicationInput | AdjustmentInput, amount: Money) {
    return {
      customerId: input.customerId,
      projectId: input.projectId ?? null,
      currency: input.currency,
      amount,
      payload: replayable(input),
      directStatus: 201,
    }
  }
}
