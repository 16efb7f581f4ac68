import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import { Forbidden, NotFound } from '#kernel/errors'
import { executeCommand, respond } from '#kernel/api_command'
import { authorizedCustomer, bodyCustomerGuard, customerGuard } from '#modules/customers/public'
import { mayUsePermission } from '#modules/customers/public'
import { reachOwner } from '#modules/customers/public'
import { DocumentService } from '#modules/prepayments/documents/document_service'
import { SuggestionService } from '#modules/prepayments/documents/suggestion_service'
import {
  applySuggestionsValidator,
  cancelDocumentValidator,
  createDocumentValidator,
  listDocumentsValidator,
  suggestionQueryValidator,
  unapplicationValidator,
} from '#modules/prepayments/documents/document_validators'
import { Submissions } from '#workflows/ledger_submissions'

/**
 * Documents (发票 / 订单 / 送货单) as records, 反核销 of an application, and 核销建议 — each write one
 * unit of work, authorised on the customer and audited inside it.
 */
@inject()
export default class DocumentsController {
  constructor(
    private documents: DocumentService,
    private suggestions: SuggestionService,
    private submissions: Submissions
  ) {}

  async index(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    if (!mayUsePermission(user, 'ledger.read')) throw new Forbidden()
    const input = await ctx.request.validateUsing(listDocumentsValidator, {
      data: ctx.request.qs(),
    })
    return this.documents.list(db.connection(), input, reachOwner(user))
  }

  async show(ctx: HttpContext) {
    const row = await this.documents.find(db.connection(), Number(ctx.params.id))
    if (!row) throw new NotFound('document')
    await authorizedCustomer(ctx, Number(row.customer_id), 'ledger.read')
    return this.documents.show(db.connection(), Number(row.id))
  }

  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(createDocumentValidator)
    const guard = bodyCustomerGuard(ctx, input.customerId, 'applications.post')
    await respond(ctx, 201, (uow) => this.documents.create(uow, input), { customer: guard })
  }

  async cancel(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(cancelDocumentValidator)
    const row = await this.documents.find(db.connection(), Number(ctx.params.id))
    if (!row) throw new NotFound('document')
    const guard = customerGuard(
      ctx.auth.getUserOrFail(),
      Number(row.customer_id),
      'applications.post'
    )
    await respond(ctx, 200, (uow) => this.documents.cancel(uow, Number(row.id), input.reason), {
      customer: guard,
    })
  }

  /** POST /journals/:id/unapply — 反核销, through the approval gate (201 posted, 202 pending). */
  async unapply(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(unapplicationValidator)
    const journalId = Number(ctx.params.id)
    const journal = await db.from('journals').select('customer_id').where('id', journalId).first()
    if (!journal) throw new NotFound('journal')
    const guard = customerGuard(ctx.auth.getUserOrFail(), journal.customer_id, 'applications.post')
    await executeCommand(ctx, (uow) => this.submissions.unapplication(uow, journalId, input), {
      customer: guard,
    })
  }

  async suggest(ctx: HttpContext) {
    const customer = await authorizedCustomer(ctx, Number(ctx.params.id), 'ledger.read')
    const query = await ctx.request.validateUsing(suggestionQueryValidator, {
      data: ctx.request.qs(),
    })
    return this.suggestions.suggest(
      db.connection(),
      customer.id,
      query.order ?? 'oldest',
      query.currency
    )
  }

  /** The reviewed suggestions in one action: each through POST /applications' path, all or none. */
  async applySuggestions(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(applySuggestionsValidator)
    const customerId = Number(ctx.params.id)
    const guard = customerGuard(ctx.auth.getUserOrFail(), customerId, 'applications.post')
    await respond(
      ctx,
      201,
      async (uow) => {
        const results = []
        for (const item of input.items) {
          const document = await this.documents.find(uow.trx, item.documentId)
          const response = await this.submissions.application(uow, {
            customerId,
            documentId: item.documentId,
            amount: item.amount,
            currency: document?.currency ?? '',
            entryDate: input.entryDate,
          })
          results.push({
            documentId: item.documentId,
            status: response.status,
            body: response.body,
          })
        }
        return { results }
      },
      { customer: guard }
    )
  }
}
