import { inject } from '@adonisjs/core'
import type { ApprovalAction } from '#modules/approvals/public'
import type { ApprovalExecutor, ApprovedContext, ExecutedAction } from '#modules/approvals/public'
import { LedgerWriter, type ApprovedBy } from '#modules/prepayments/public'
import type { Money } from '#kernel/money/money'
import { CustomerService } from '#modules/customers/public'
import { CurrencyLimitService } from '#modules/customers/public'
import { serializeCustomer } from '#modules/customers/public'
import { PostingService } from '#modules/prepayments/public'
import { UnapplicationService } from '#modules/prepayments/public'
import type { UnitOfWork } from '#kernel/unit_of_work'

/**
 * What each approvable action does once approved (or at once, when no rule asks for approval).
 * The payload is the validated request, stored as JSON on the approval request. Registered with
 * approvals as their executor (start/wiring.ts).
 */
@inject()
export class ApprovedActions implements ApprovalExecutor {
  constructor(
    private postings: PostingService,
    private customers: CustomerService,
    private writer: LedgerWriter,
    private limits: CurrencyLimitService,
    private unapplications: UnapplicationService
  ) {}

  async execute(
    uow: UnitOfWork,
    action: ApprovalAction,
    payload: any,
    approved?: ApprovedContext
  ): Promise<ExecutedAction> {
    if (action === 'credit_limit_change' && payload.currencyLimit) {
      // a limit in a currency other than the default (workflows/currency_limit_updates.ts)
      const customer = await this.customers.lock(uow, payload.customerId)
      const data = await this.limits.set(uow, customer, payload.currencyLimit)
      return { body: { data }, journalId: null }
    }
    if (action === 'credit_limit_change' || action === 'customer_deactivation') {
      const customer = await this.customers.update(uow, payload.customerId, payload.changes)
      return { body: serializeCustomer(customer), journalId: null }
    }
    const approvedBy = approved
      ? { approvalId: approved.approvalId, releasesReserved: approved.reserved }
      : undefined
    const journal = await this.postJournal(uow, action, payload, approvedBy)
    return { body: journal, journalId: journal.id }
  }

  private postJournal(
    uow: UnitOfWork,
    action: ApprovalAction,
    payload: any,
    approved: ApprovedBy | undefined
  ) {
    if (action === 'refund') return this.postings.refund(uow, payload, approved)
    if (action === 'adjustment') return this.postings.adjustment(uow, payload, approved)
    if (action === 'application') return this.postings.application(uow, payload, approved)
    if (action === 'unapplication')
      return this.unapplications.unapply(uow, payload.journalId, payload, approved)
    return this.postings.reverse(uow, payload.journalId, payload, approved)
  }

  release(uow: UnitOfWork, customerId: number, currency: string, amount: Money) {
    return this.writer.release(uow, customerId, currency, amount)
  }
}
