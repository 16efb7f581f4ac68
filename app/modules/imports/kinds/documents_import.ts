import { DocumentService } from '#modules/prepayments/public'
import { createDocumentValidator } from '#modules/prepayments/public'
import { DOCUMENT_TYPE_NAMES } from '#modules/imports/kinds/profiles'
import { columnOf, rowScope, validateScopedRow } from '#modules/imports/kinds/customer_rows'
import {
  chunked,
  inRowSavepoint,
  type ImportContext,
  type ImportKind,
} from '#modules/imports/services/import_context'
import { CodeLookups } from '#modules/imports/services/lookups'
import { checkAmount, checkDate, FirstSeen } from '#modules/imports/services/row_checks'
import type { TabularRow } from '#kernel/tabular/index'

/**
 * Documents (发票 / 订单 / 送货单) by the API's validator and DocumentService, each row in a
 * savepoint: a number the customer already has is skipped (re-importing a file adds nothing), a
 * number twice in the file is an error.
 */
export class DocumentsImport implements ImportKind {
  private documents = new DocumentService()

  async run(ctx: ImportContext, rows: AsyncIterable<TabularRow>) {
    const lookups = new CodeLookups(ctx.uow.trx)
    const seen = new FirstSeen()
    for await (const chunk of chunked(rows, 500)) {
      await lookups.loadFor(chunk)
      for (const row of chunk) {
        ctx.stats.total++
        const input = await this.checkRow(ctx, lookups, seen, row)
        if (input) await this.createRow(ctx, row.rowNumber, input)
      }
    }
  }

  private async checkRow(
    ctx: ImportContext,
    lookups: CodeLookups,
    seen: FirstSeen,
    { rowNumber: row, values: v }: TabularRow
  ) {
    const before = ctx.errors.count
    const scope = rowScope(ctx, lookups, row, v)
    const { customer } = scope
    const documentDate = checkDate(ctx.errors, row, 'documentDate', v.documentDate)
    const input = await validateScopedRow(ctx, row, createDocumentValidator, scope, {
      kind: DOCUMENT_TYPE_NAMES[v.kind] ?? v.kind.toLowerCase(),
      number: v.number,
      amount: v.amount.replaceAll(',', ''),
      currency: v.currency,
      documentDate: v.documentDate,
      dueDate: v.dueDate || undefined,
      memo: v.memo || undefined,
    })
    if (customer && input)
      seen.check(ctx.errors, row, 'number', `${customer.id}:${input.number}`, input.number)
    const amount = input && checkAmount(ctx.errors, row, 'amount', input.amount, input.currency)
    if (ctx.errors.count > before || !customer || !input || !amount || !documentDate) return null
    ctx.stats.valid++
    return input
  }

  private createRow(ctx: ImportContext, row: number, input: any) {
    return inRowSavepoint(
      ctx,
      async () => {
        await this.documents.create(ctx.uow, input)
        ctx.stats.posted++
      },
      (error) => {
        const detail = error.details[0]
        if (detail.rule === 'document_number_taken') {
          ctx.stats.skipped++
          return
        }
        ctx.errors.add(row, columnOf(detail.field ?? 'number'), detail.rule, {
          value: detail.message,
        })
      }
    )
  }
}
