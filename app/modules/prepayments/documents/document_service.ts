import { inject } from '@adonisjs/core'
import type { Infer } from '@vinejs/vine/types'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
import { Conflict, InvalidInput, NotFound } from '#kernel/errors'
import { toPlainDate } from '#kernel/company'
import { parseAmount } from '#kernel/money/parse_amount'
import { Money } from '#kernel/money/money'
import type { UnitOfWork } from '#kernel/unit_of_work'
import { containsPattern } from '#kernel/sql_text'
import { documentView, type DocumentRow } from '#modules/prepayments/documents/document_view'
import type {
  createDocumentValidator,
  listDocumentsValidator,
} from '#modules/prepayments/documents/document_validators'
import { numberOrNull } from '#kernel/row_values'

export type CreateDocumentInput = Infer<typeof createDocumentValidator>
export type ListDocumentsInput = Infer<typeof listDocumentsValidator>

const PAGE_SIZE = 50

/**
 * Documents as records (发票 / 订单 / 送货单). The open amount is the database's to keep: an
 * application naming the document lowers it, a 红冲 or 反核销 raises it (database/sql/documents.sql);
 * nothing here writes it except at creation. Every change is audited in its unit of work.
 */
@inject()
export class DocumentService {
  async create(uow: UnitOfWork, input: CreateDocumentInput) {
    const amount = parseAmount('amount', input.amount, input.currency)
    if (amount.lessThanOrEqualTo(0))
      throw new InvalidInput('amount', 'positive', 'amount must be > 0')
    await this.assertProjectOf(uow, input.customerId, input.projectId ?? null)
    const result = await uow.trx
      .rawQuery(
        `INSERT INTO documents (customer_id, project_id, kind, number, currency, amount,
                                open_amount, document_date, due_date, memo, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (customer_id, number) DO NOTHING RETURNING *`,
        [
          input.customerId,
          input.projectId ?? null,
          input.kind,
          input.number,
          input.currency,
          amount.toFixed(),
          amount.toFixed(),
          toPlainDate(input.documentDate),
          input.dueDate ? toPlainDate(input.dueDate) : null,
          input.memo ?? null,
          uow.actor.userId,
        ] as RawQueryBindings
      )
      .catch((error) => {
        if (error?.constraint === 'documents_customer_id_fkey')
          throw new InvalidInput('customerId', 'exists', 'customerId does not name a customer')
        throw error
      })
    const row: DocumentRow | undefined = result.rows[0]
    if (!row) {
      throw new Conflict(
        'document_number_taken',
        `document number ${input.number} is already used for this customer`,
        { documentNo: input.number },
        'number'
      )
    }
    const view = documentView(row)
    uow.audit({ entityType: 'document', entityId: row.id, action: 'create', after: view })
    return view
  }

  /** Cancels a document nothing is applied to (the row lock queues it behind any application). */
  async cancel(uow: UnitOfWork, documentId: number, reason: string) {
    const before = await this.lock(uow, documentId)
    if (before.status === 'cancelled') {
      throw new Conflict('document_cancelled', `document ${before.number} is cancelled`, {
        documentNo: before.number,
      })
    }
    if (!new Money(before.open_amount).equals(before.amount)) {
      throw new Conflict(
        'document_applied',
        `document ${before.number} has applications; un-apply them before cancelling`,
        { documentNo: before.number },
        'id'
      )
    }
    const result = await uow.trx.rawQuery(
      `UPDATE documents SET status = 'cancelled', cancel_reason = ?, updated_at = now()
        WHERE id = ? RETURNING *`,
      [reason, documentId]
    )
    const view = documentView(result.rows[0])
    uow.audit({
      entityType: 'document',
      entityId: documentId,
      action: 'cancel',
      before: documentView(before),
      after: view,
    })
    return view
  }

  /** The document's row, locked for this unit of work. */
  async lock(uow: UnitOfWork, documentId: number): Promise<DocumentRow> {
    const result = await uow.trx.rawQuery('SELECT * FROM documents WHERE id = ? FOR UPDATE', [
      documentId,
    ])
    if (!result.rows[0]) throw new NotFound('document')
    return result.rows[0]
  }

  async find(client: QueryClientContract, documentId: number): Promise<DocumentRow | null> {
    const result = await client.rawQuery('SELECT * FROM documents WHERE id = ?', [documentId])
    return result.rows[0] ?? null
  }

  /** The customer's document of that number, if it is a record (else a free-text number). */
  async findByNumber(client: QueryClientContract, customerId: number, number: string) {
    const result = await client.rawQuery(
      'SELECT * FROM documents WHERE customer_id = ? AND number = ?',
      [customerId, number]
    )
    return (result.rows[0] as DocumentRow | undefined) ?? null
  }

  /** A document with what was applied to it and what was given back. */
  async show(client: QueryClientContract, documentId: number) {
    const row = await this.find(client, documentId)
    if (!row) throw new NotFound('document')
    const applications = await client.rawQuery(
      `SELECT j.id, j.journal_no, j.entry_date, j.project_id, a.amount,
              coalesce((SELECT sum(r.amount) FROM application_reversals r
                         WHERE r.application_journal_id = j.id), 0) AS unapplied,
              EXISTS (SELECT 1 FROM journals x WHERE x.reverses_journal_id = j.id) AS reversed
         FROM document_applications a JOIN journals j ON j.id = a.journal_id
        WHERE a.document_id = ? ORDER BY j.id`,
      [documentId]
    )
    return {
      ...documentView(row),
      applications: applications.rows.map((a: any) => ({
        journalId: Number(a.id),
        journalNo: a.journal_no,
        entryDate: typeof a.entry_date === 'string' ? a.entry_date : toPlainDate(a.entry_date),
        projectId: numberOrNull(a.project_id),
        amount: documentView({ ...row, amount: a.amount }).amount,
        unapplied: documentView({ ...row, amount: a.unapplied }).amount,
        reversed: a.reversed,
      })),
    }
  }

  /** A page of documents, newest first; `ownerId` narrows to one sales owner's customers. */
  async list(client: QueryClientContract, input: ListDocumentsInput, ownerId: number | null) {
    const query = client.from('documents').select('*').orderBy('document_date', 'desc')
    query.orderBy('id', 'desc')
    if (input.customerId) query.where('customer_id', input.customerId)
    if (input.projectId) query.where('project_id', input.projectId)
    if (input.number) query.whereILike('number', containsPattern(input.number))
    if (input.status === 'cancelled') query.where('status', 'cancelled')
    if (input.status === 'open') query.where('status', 'open').where('open_amount', '>', 0)
    if (input.status === 'settled') query.where('status', 'open').where('open_amount', 0)
    if (ownerId !== null) {
      query.whereIn(
        'customer_id',
        client.from('customers').select('id').where('sales_owner_id', ownerId)
      )
    }
    const page = input.page ?? 1
    const rows: DocumentRow[] = await query.offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
    return { data: rows.map(documentView), page, perPage: PAGE_SIZE }
  }

  private async assertProjectOf(uow: UnitOfWork, customerId: number, projectId: number | null) {
    if (projectId === null) return
    const project = await uow.trx
      .from('projects')
      .where({ id: projectId, customer_id: customerId })
      .first()
    if (!project) {
      throw new InvalidInput(
        'projectId',
        'exists',
        'projectId does not name a project of this customer'
      )
    }
  }
}
