import { inject } from '@adonisjs/core'
import type { Infer } from '@vinejs/vine/types'
import { NotFound } from '#kernel/errors'
import { refuse } from '#modules/prepayments/ledger/ledger_refusals'
import { companyToday, toPlainDate } from '#kernel/company'
import {
  ACCOUNTS,
  applicationAccountFor,
  fundsAccountFor,
  type DocumentType,
} from '#modules/prepayments/ledger/accounts'
import { ProjectAttribution } from '#modules/prepayments/services/project_attribution'
import { DocumentLookup } from '#modules/prepayments/documents/document_lookup'
import type { ApprovedBy, JournalDraft } from '#modules/prepayments/ledger/journal_draft'
import { parseAmount } from '#kernel/money/parse_amount'
import { Money } from '#kernel/money/money'
import { LedgerWriter } from '#modules/prepayments/services/ledger_writer'
import type { UnitOfWork } from '#kernel/unit_of_work'
import type {
  adjustmentValidator,
  applicationValidator,
  receiptValidator,
  refundValidator,
  reversalValidator,
} from '#modules/prepayments/validators/posting_validators'
import { numberOrNull } from '#kernel/row_values'

/** Validated input, or the same input replayed from an approval request (dates as YYYY-MM-DD). */
type Replayable<T> = Omit<T, 'entryDate'> & { entryDate?: Date | string }

export type ReceiptInput = Replayable<Infer<typeof receiptValidator>>
export type ApplicationInput = Replayable<Infer<typeof applicationValidator>>
export type RefundInput = Replayable<Infer<typeof refundValidator>>
export type AdjustmentInput = Replayable<Infer<typeof adjustmentValidator>>
export type ReversalInput = Replayable<Infer<typeof reversalValidator>>

type MovementInput = ReceiptInput | ApplicationInput | RefundInput | AdjustmentInput

/**
 * The business movements of the prepayments ledger (登记, 核销, 退款, 调整, 红冲). Each turns its
 * input into a journal draft by the accounting rules in domain.md and hands it to the LedgerWriter.
 */
@inject()
export class PostingService {
  constructor(
    private writer: LedgerWriter,
    private attribution: ProjectAttribution,
    private documents: DocumentLookup
  ) {}

  /**
   * 登记 / 到账: Dr Bank (or cash, WeChat/Alipay funds) / Cr Customer Advances. The same bank
   * reference on a live receipt is a duplicate registration (domain.md, 9 Nov): the ledger refuses it.
   */
  async receipt(uow: UnitOfWork, input: ReceiptInput) {
    return this.writer.post(uow, {
      ...this.movement(input, 1),
      kind: 'receipt',
      counterAccount: fundsAccountFor(input.channel),
      channel: input.channel,
      bankReference: input.bankReference ?? null,
    })
  }

  /**
   * 核销: Dr Customer Advances / Cr Accounts Receivable (invoice) or Revenue (order, delivery). A
   * document record named (by id, or by its number) gives the kind, number and project; the
   * database keeps its open amount (documents.sql). Without a project: ProjectAttribution's FIFO.
   */
  async application(uow: UnitOfWork, input: ApplicationInput, approved?: ApprovedBy) {
    const document = await this.documents.forApplication(uow.trx, input)
    // a kind named that is not the document's is refused by the database (document_kind_mismatch)
    const documentType = (input.documentType ?? document?.kind) as DocumentType
    const projectId = input.projectId ?? (document ? document.projectId : null)
    return this.postAttributed(uow, { ...input, projectId: projectId ?? undefined }, approved, {
      kind: 'application',
      counterAccount: applicationAccountFor(documentType),
      documentType,
      documentNo: document?.number ?? input.documentNo,
    })
  }

  /** 退款: Dr Customer Advances / Cr Bank. Only money actually held can be paid back. */
  async refund(uow: UnitOfWork, input: RefundInput, approved?: ApprovedBy) {
    return this.postAttributed(uow, input, approved, {
      kind: 'refund',
      counterAccount: ACCOUNTS.bank,
      reason: input.reason ?? null,
    })
  }

  /** Posts a movement that lowers the balance, attributed to one project (project_attribution.ts). */
  private async postAttributed(
    uow: UnitOfWork,
    input: ApplicationInput | RefundInput,
    approved: ApprovedBy | undefined,
    kindParts: Partial<JournalDraft> & Pick<JournalDraft, 'kind' | 'counterAccount'>
  ) {
    const base = this.movement(input, -1)
    const projectId = await this.attribution.projectFor(
      uow,
      input.customerId,
      input.currency,
      base.projectId,
      base.balanceEffect.negated()
    )
    return this.writer.post(uow, { ...base, ...kindParts, ...approved, projectId })
  }

  /** 补差 / 调整: signed; a positive adjustment raises the balance. */
  async adjustment(uow: UnitOfWork, input: AdjustmentInput, approved?: ApprovedBy) {
    return this.writer.post(uow, {
      ...this.movement(input, 1, true),
      kind: 'adjustment',
      counterAccount: ACCOUNTS.advanceAdjustments,
      reason: input.reason,
      ...approved,
    })
  }

  /**
   * 红冲: a new journal with the original's lines mirrored, at the original's rate so the base amounts
   * cancel exactly. The original is never touched; each journal can be reversed once.
   */
  async reverse(uow: UnitOfWork, journalId: number, input: ReversalInput, approved?: ApprovedBy) {
    const original = await this.findReversible(uow, journalId)
    return this.writer.post(uow, {
      kind: 'reversal',
      customerId: Number(original.customer_id),
      projectId: numberOrNull(original.project_id),
      currency: original.currency,
      balanceEffect: new Money(original.amount).negated(),
      counterAccount: original.counter_account,
      entryDate: this.entryDate(input.entryDate),
      reason: input.reason,
      reversesJournalId: Number(original.id),
      exchangeRate: original.exchange_rate,
      ...approved,
    })
  }

  async findReversible(uow: UnitOfWork, journalId: number) {
    const result = await uow.trx.rawQuery(
      `SELECT j.*, l.account_code AS counter_account,
              EXISTS (SELECT 1 FROM journals r WHERE r.reverses_journal_id = j.id) AS reversed
         FROM journals j JOIN journal_lines l ON l.journal_id = j.id AND l.line_no = 1
        WHERE j.id = ?
          -- Row lock (journals are never updated): concurrent reversals of one journal, or requests
          -- for one, queue here, so the 'already reversed / awaiting approval' checks see each other.
          FOR UPDATE OF j`,
      [journalId]
    )
    const original = result.rows[0]
    if (!original) throw new NotFound('journal')
    if (original.kind === 'reversal') throw refuse('not_reversible')
    if (original.reversed) throw refuse('already_reversed', { journalNo: original.journal_no })
    return original
  }

  /** The parts every customer movement shares; `direction` is the sign of its effect on the balance. */
  movement(input: MovementInput, direction: 1 | -1, signed = false) {
    const amount = parseAmount('amount', input.amount, input.currency, { allowNegative: signed })
    return {
      customerId: input.customerId,
      projectId: input.projectId ?? null,
      currency: input.currency,
      balanceEffect: direction === 1 ? amount : amount.negated(),
      entryDate: this.entryDate(input.entryDate),
      memo: input.memo ?? null,
    }
  }

  /** Vine gives a Date; a request replayed after approval carries the plain date string. */
  entryDate(value: Date | string | undefined): string {
    const today = companyToday()
    if (!value) return today
    const date = typeof value === 'string' ? value : toPlainDate(value)
    if (date > today) throw refuse('entry_date_future', { date })
    return date
  }
}
