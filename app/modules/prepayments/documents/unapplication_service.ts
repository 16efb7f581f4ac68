import { inject } from '@adonisjs/core'
import { NotFound } from '#kernel/errors'
import { Money } from '#kernel/money/money'
import { parseAmount } from '#kernel/money/parse_amount'
import type { UnitOfWork } from '#kernel/unit_of_work'
import type { AccountCode, DocumentType } from '#modules/prepayments/ledger/accounts'
import type { ApprovedBy } from '#modules/prepayments/ledger/journal_draft'
import { ledgerRefusal, refuse } from '#modules/prepayments/ledger/ledger_refusals'
import { LedgerWriter } from '#modules/prepayments/services/ledger_writer'
import { PostingService } from '#modules/prepayments/services/posting_service'
import { numberOrNull } from '#kernel/row_values'

export interface UnapplicationInput {
  amount: string
  reason: string
  entryDate?: Date | string
}

/** An application journal, locked, with what it still applies. */
export interface ApplicationJournal {
  id: number
  journalNo: string
  customerId: number
  projectId: number | null
  currency: string
  counterAccount: AccountCode
  documentType: DocumentType
  documentNo: string
  stillApplied: Money
}

/**
 * 反核销: gives back all or part of one application as a new journal (kind 'unapplication':
 * Dr the application's counter account / Cr Customer Advances, its project and document), linked
 * to the application in application_reversals, whose trigger restores the document's open amount
 * and refuses more than is still applied (database/sql/documents.sql). Nothing is edited.
 */
@inject()
export class UnapplicationService {
  constructor(
    private writer: LedgerWriter,
    private postings: PostingService
  ) {}

  /** The application, locked (the lock 红冲 takes): not reversed; what it still applies. */
  async findApplication(uow: UnitOfWork, journalId: number): Promise<ApplicationJournal> {
    const result = await uow.trx.rawQuery(
      `SELECT j.*, l.account_code AS counter_account,
              EXISTS (SELECT 1 FROM journals r WHERE r.reverses_journal_id = j.id) AS reversed,
              -j.amount - coalesce((SELECT sum(amount) FROM application_reversals a
                                     WHERE a.application_journal_id = j.id), 0) AS still_applied
         FROM journals j JOIN journal_lines l ON l.journal_id = j.id AND l.line_no = 1
        WHERE j.id = ? FOR UPDATE OF j`,
      [journalId]
    )
    const row = result.rows[0]
    if (!row) throw new NotFound('journal')
    if (row.kind !== 'application') throw refuse('not_an_application')
    if (row.reversed) throw refuse('already_reversed', { journalNo: row.journal_no })
    return {
      id: Number(row.id),
      journalNo: row.journal_no,
      customerId: Number(row.customer_id),
      projectId: numberOrNull(row.project_id),
      currency: row.currency,
      counterAccount: row.counter_account,
      documentType: row.document_type,
      documentNo: row.document_no,
      stillApplied: new Money(row.still_applied),
    }
  }

  /** The amount, checked against what the application still applies (again by the database). */
  amountFor(application: ApplicationJournal, amount: string): Money {
    const parsed = parseAmount('amount', amount, application.currency)
    if (parsed.greaterThan(application.stillApplied)) {
      throw refuse('unapply_exceeds_applied', {
        journalNo: application.journalNo,
        applied: application.stillApplied.toFixed(),
        amount: parsed.toFixed(),
        currency: application.currency,
      })
    }
    return parsed
  }

  async unapply(
    uow: UnitOfWork,
    journalId: number,
    input: UnapplicationInput,
    approved?: ApprovedBy
  ) {
    const application = await this.findApplication(uow, journalId)
    const amount = this.amountFor(application, input.amount)
    const view = await this.writer.post(uow, {
      kind: 'unapplication',
      customerId: application.customerId,
      projectId: application.projectId,
      currency: application.currency,
      balanceEffect: amount,
      counterAccount: application.counterAccount,
      entryDate: this.postings.entryDate(input.entryDate),
      documentType: application.documentType,
      documentNo: application.documentNo,
      reason: input.reason,
      ...approved,
    })
    await uow.trx
      .rawQuery(
        `INSERT INTO application_reversals (journal_id, application_journal_id, amount)
         VALUES (?, ?, ?)`,
        [view.id, application.id, amount.toFixed()]
      )
      .catch((error) => {
        throw ledgerRefusal(error)
      })
    return { ...view, unappliesJournalId: application.id }
  }
}
