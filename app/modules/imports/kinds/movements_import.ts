import { ProjectAttribution } from '#modules/prepayments/public'
import { DocumentLookup } from '#modules/prepayments/public'
import type { ApiError } from '#kernel/errors'
import { LedgerWriter } from '#modules/prepayments/public'
import { PostingService } from '#modules/prepayments/public'
import type { JournalView } from '#modules/prepayments/public'
import { applicationValidator, refundValidator } from '#modules/prepayments/public'
import { DOCUMENT_TYPE_NAMES } from '#modules/imports/kinds/profiles'
import { columnOf, rowScope, validateScopedRow } from '#modules/imports/kinds/customer_rows'
import {
  chunked,
  inRowSavepoint,
  noteBaseAmount,
  type ImportContext,
  type ImportKind,
} from '#modules/imports/services/import_context'
import { CodeLookups } from '#modules/imports/services/lookups'
import {
  checkAmount,
  checkDate,
  checkExternalRef,
  FirstSeen,
} from '#modules/imports/services/row_checks'
import type { TabularRow } from '#kernel/tabular/index'

/** The journal kind each movement import posts; also the kind of its row keys. */
export type MovementKind = 'application' | 'refund'

interface Movement {
  row: number
  key: string
  input: Record<string, any>
}

/**
 * Historical movements (历史核销 / 历史退款). Each row is checked by the API's validator, then posted
 * by the API's PostingService (ledger_post: the same balance, period, project and credit rules as a
 * movement typed in), in file order, each in a savepoint so a refused row is reported (row, column,
 * rule) and the next rows still checked. The row's external reference is claimed in import_row_keys
 * before it posts: a reference imported before (or by a concurrent import, which waits on the key)
 * is skipped, so re-importing a file posts nothing. A dry run does all of this and rolls back.
 */
export class MovementsImport implements ImportKind {
  private posting = new PostingService(
    new LedgerWriter(),
    new ProjectAttribution(),
    new DocumentLookup()
  )

  constructor(private kind: MovementKind) {}

  async run(ctx: ImportContext, rows: AsyncIterable<TabularRow>) {
    // rows claim their keys and lock their balances in file order: two such imports at once (the
    // same references in another order) would each hold what the other waits for, so they take turns
    await ctx.uow.trx.rawQuery('SELECT pg_advisory_xact_lock(hashtext(?))', ['import_movements'])
    const lookups = new CodeLookups(ctx.uow.trx)
    const refs = new FirstSeen()
    for await (const chunk of chunked(rows, 500)) {
      await lookups.loadFor(chunk)
      const checked: Movement[] = []
      for (const row of chunk) {
        ctx.stats.total++
        const movement = await this.checkRow(ctx, lookups, refs, row)
        if (movement) checked.push(movement)
      }
      for (const movement of checked) await this.postRow(ctx, movement)
    }
  }

  private async checkRow(
    ctx: ImportContext,
    lookups: CodeLookups,
    refs: FirstSeen,
    { rowNumber: row, values: v }: TabularRow
  ): Promise<Movement | null> {
    const before = ctx.errors.count
    checkExternalRef(ctx.errors, row, v.externalRef, refs)
    const scope = rowScope(ctx, lookups, row, v)
    const { customer } = scope
    const entryDate = checkDate(ctx.errors, row, 'entryDate', v.entryDate)
    const specific =
      this.kind === 'application'
        ? {
            documentType: DOCUMENT_TYPE_NAMES[v.documentType] ?? v.documentType.toLowerCase(),
            documentNo: v.documentNo,
          }
        : { reason: v.reason || undefined }
    if (this.kind === 'refund' && !v.reason) ctx.errors.add(row, 'reason', 'required')
    const input = await validateScopedRow(
      ctx,
      row,
      (this.kind === 'application' ? applicationValidator : refundValidator) as {
        validate(data: unknown): Promise<Record<string, any>>
      },
      scope,
      {
        amount: v.amount.replaceAll(',', ''),
        currency: v.currency,
        memo: v.memo || undefined,
        ...specific,
      }
    )
    const amount = input && checkAmount(ctx.errors, row, 'amount', input.amount, input.currency)
    if (ctx.errors.count > before || !customer || !input || !amount || !entryDate) return null
    ctx.stats.valid++
    return { row, key: v.externalRef, input: { ...input, entryDate } }
  }

  /** Claims the row key and posts the row, in a savepoint: a refusal undoes both and is reported. */
  private postRow(ctx: ImportContext, movement: Movement) {
    const trx = ctx.uow.trx
    return inRowSavepoint(
      ctx,
      async () => {
        const claimed = await trx.rawQuery(
          `INSERT INTO import_row_keys (kind, row_key, job_id) VALUES (?, ?, ?)
           ON CONFLICT DO NOTHING RETURNING row_key`,
          [this.kind, movement.key, ctx.jobId]
        )
        if (!claimed.rows.length) {
          ctx.stats.skipped++
          ctx.stats.valid--
          return
        }
        const view = await this.post(ctx, movement)
        await trx.rawQuery(
          'UPDATE import_row_keys SET entity_id = ? WHERE kind = ? AND row_key = ?',
          [view.id, this.kind, movement.key]
        )
        noteBaseAmount(ctx, view.baseAmount)
        ctx.stats.posted++
      },
      (error) => refusalOnRow(ctx, movement, error)
    )
  }

  private post(ctx: ImportContext, { input }: Movement): Promise<JournalView> {
    // the memo travels in the input, as for a movement posted through the API
    return this.kind === 'application'
      ? this.posting.application(ctx.uow, input as any)
      : this.posting.refund(ctx.uow, input as any)
  }
}

/** A ledger refusal (ledger_post's rule and facts) as the row's error, on the row's column. */
function refusalOnRow(ctx: ImportContext, movement: Movement, error: ApiError) {
  const detail = error.details[0]
  const rule = detail.rule === 'forbidden' ? 'customer_forbidden' : detail.rule
  const field = detail.field ? columnOf(detail.field) : 'amount'
  const meta = (detail.meta ?? {}) as Record<string, string | number | null>
  ctx.errors.add(movement.row, field, rule, {
    ...meta,
    value: detail.message,
    detail: detail.rule,
    period: String(movement.input.entryDate).slice(0, 7),
    date: movement.input.entryDate,
  })
}
