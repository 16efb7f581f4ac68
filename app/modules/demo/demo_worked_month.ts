import { inject } from '@adonisjs/core'
import { companyToday } from '#kernel/company'
import type { Actor } from '#kernel/actor'
import type { UnitOfWork } from '#kernel/unit_of_work'
import type { StoredResponse } from '#kernel/idempotency'
import { PostingService, DocumentService } from '#modules/prepayments/public'
import { ReceiptConfirmationService } from '#modules/banking/public'
import { Submissions } from '#workflows/ledger_submissions'
import { asDate } from '#modules/demo/demo_values'

/** How the seeder runs a step: counted, in its own transaction, approvals decided by the demo's approvers. */
export interface DemoSteps {
  post<T>(actor: Actor, work: (uow: UnitOfWork) => Promise<T>): Promise<T>
  approved(requester: Actor, submit: (uow: UnitOfWork) => Promise<StoredResponse>): Promise<unknown>
}

type Step = [date: string, run: (date: Date) => Promise<unknown>]

/**
 * docs/domain.md's month for 华东机械 (C0001), up to today, through the same services the API uses.
 */
/** The 1 Nov receipt (¥380,000 by bank transfer), which a clerk enters again on 9 Nov. */
function firstReceipt(customerId: number, projectId: number, entryDate: Date) {
  return {
    customerId,
    projectId,
    amount: '380000.00',
    currency: 'CNY',
    channel: 'bank_transfer' as const,
    entryDate,
  }
}

@inject()
export class DemoWorkedMonth {
  constructor(
    private postings: PostingService,
    private documents: DocumentService,
    private submissions: Submissions,
    private confirmations: ReceiptConfirmationService
  ) {}

  async replay(
    steps: DemoSteps,
    customerId: number,
    projectId: number,
    sales: Actor,
    finance: Actor
  ) {
    const today = companyToday()
    const on = (md: string) => `${today.slice(0, 4)}-${md}`
    let receiptId = 0
    const month: Step[] = [
      [
        on('11-01'),
        async (d) => {
          const receipt = await steps.post(sales, (uow) =>
            this.postings.receipt(uow, {
              ...firstReceipt(customerId, projectId, d),
              bankReference: 'ICBC-20261101-0001',
            })
          )
          receiptId = receipt.id
        },
      ],
      // 到账确认: sales entered the receipt, so a second person (finance) confirms it arrived
      [on('11-02'), () => steps.post(finance, (uow) => this.confirmations.confirm(uow, receiptId))],
      [
        on('11-05'),
        (d) =>
          steps.post(finance, async (uow) => {
            const invoice = await this.documents.create(uow, {
              customerId,
              projectId,
              kind: 'invoice',
              number: 'FP-0001',
              amount: '150000.00',
              currency: 'CNY',
              documentDate: d,
            })
            return this.postings.application(uow, {
              customerId,
              documentId: invoice.id,
              amount: '150000.00',
              currency: 'CNY',
              entryDate: d,
            })
          }),
      ],
      [on('11-09'), (d) => this.duplicateReversed(steps, customerId, projectId, finance, d)],
      [
        on('11-20'),
        (d) =>
          steps.approved(finance, (uow) =>
            this.submissions.refund(uow, {
              customerId,
              projectId,
              amount: '50000.00',
              currency: 'CNY',
              reason: '客户申请退回部分预付款',
              entryDate: d,
            })
          ),
      ],
    ]
    for (const [date, run] of month) if (date <= today) await run(asDate(date))
  }

  /** 9 Nov: a clerk enters the 1 Nov receipt again; it is reversed (红冲) with a reason. */
  private async duplicateReversed(
    steps: DemoSteps,
    customerId: number,
    projectId: number,
    finance: Actor,
    d: Date
  ) {
    const duplicate = await steps.post(finance, (uow) =>
      this.postings.receipt(uow, { ...firstReceipt(customerId, projectId, d), memo: '重复登记' })
    )
    return steps.approved(finance, (uow) =>
      this.submissions.reversal(uow, duplicate.id, {
        reason: '重复登记 ICBC-20261101-0001，红冲',
        entryDate: d,
      })
    )
  }
}
