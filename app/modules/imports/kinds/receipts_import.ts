import { receiptValidator } from '#modules/prepayments/public'
import { CHANNEL_NAMES } from '#modules/imports/kinds/profiles'
import { rowScope, validateScopedRow } from '#modules/imports/kinds/customer_rows'
import {
  chunked,
  type ImportContext,
  type ImportKind,
} from '#modules/imports/services/import_context'
import { CodeLookups } from '#modules/imports/services/lookups'
import { checkAmount, checkDate, checkExternalRef } from '#modules/imports/services/row_checks'
import { BulkReceipts, type StagedReceipt } from '#modules/imports/services/bulk_receipts'
import type { TabularRow } from '#kernel/tabular/index'

function channelOf(value: string) {
  if (!value) return 'bank_transfer'
  return CHANNEL_NAMES[value] ?? value.toLowerCase()
}

/**
 * Historical receipts (历史收款). Each row carries an external reference (外部单号): a row whose
 * reference was imported before is skipped, so re-uploading a file (or a corrected copy) never
 * posts a receipt twice. Rows are checked by the API's receipt validator and amount rules, then by
 * the ledger's rules in bulk (bank reference, period, exchange rate) — see BulkReceipts.
 */
export class ReceiptsImport implements ImportKind {
  async run(ctx: ImportContext, rows: AsyncIterable<TabularRow>) {
    const lookups = new CodeLookups(ctx.uow.trx)
    const bulk = new BulkReceipts(ctx)
    await bulk.createStage()
    for await (const chunk of chunked(rows, 500)) {
      await lookups.loadFor(chunk)
      const staged: StagedReceipt[] = []
      for (const row of chunk) {
        ctx.stats.total++
        const receipt = await this.checkRow(ctx, lookups, row)
        if (receipt) staged.push(receipt)
      }
      await bulk.stage(staged)
    }
    await bulk.checkLedgerRules()
    // The dry run stops here: every rule the posting relies on has been checked over the set, and
    // the posting itself is set SQL that adds nothing to check (rehearsing it doubled the time).
    if (ctx.errors.any || ctx.dryRun) return
    await bulk.post()
  }

  private async checkRow(
    ctx: ImportContext,
    lookups: CodeLookups,
    { rowNumber: row, values: v }: TabularRow
  ): Promise<StagedReceipt | null> {
    const before = ctx.errors.count
    // an external reference twice in the file is found by BulkReceipts, over the staged rows
    checkExternalRef(ctx.errors, row, v.externalRef)
    const scope = rowScope(ctx, lookups, row, v)
    const { customer, project } = scope
    const entryDate = checkDate(ctx.errors, row, 'entryDate', v.entryDate)
    const input = await validateScopedRow(ctx, row, receiptValidator, scope, {
      amount: v.amount.replaceAll(',', ''),
      currency: v.currency,
      channel: channelOf(v.channel),
      bankReference: v.bankReference || undefined,
      memo: v.memo || undefined,
    })
    if (!input) return null
    const amount = checkAmount(ctx.errors, row, 'amount', input.amount, input.currency)
    if (customer && customer.status !== 'active') {
      ctx.errors.add(row, 'customerCode', 'customer_inactive', { value: v.customerCode })
    }
    if (ctx.errors.count > before || !customer || !amount || !entryDate) return null
    ctx.stats.valid++
    return {
      rowNo: row,
      rowKey: v.externalRef,
      customerId: customer.id,
      projectId: project?.id || null,
      currency: input.currency,
      amount: amount.toFixed(),
      entryDate,
      channel: input.channel,
      bankReference: input.bankReference ?? null,
      memo: input.memo ?? null,
    }
  }
}
