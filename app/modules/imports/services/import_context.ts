import { Decimal } from 'decimal.js'
import { ApiError } from '#kernel/errors'
import type { Actor } from '#kernel/actor'
import type { UnitOfWork } from '#kernel/unit_of_work'
import type { ImportKindName } from '#modules/imports/kinds/profiles'
import type { RowErrors } from '#modules/imports/services/row_errors'
import type { TabularRow } from '#kernel/tabular/index'

export interface ImportStats {
  total: number
  valid: number
  posted: number
  skipped: number
  /** the largest base-currency amount one row moves (what approval rule thresholds compare) */
  maxBaseAmount?: string
}

/** What a run of one import (dry or committing) works with; all of it in one transaction. */
export interface ImportContext {
  kind: ImportKindName
  jobId: number
  uow: UnitOfWork
  actor: Actor
  errors: RowErrors
  options: { goLiveDate?: string | null }
  stats: ImportStats
  dryRun: boolean
}

/**
 * One kind of import. `run` validates every row (collecting errors, never stopping at the first)
 * and, when no row is wrong, writes everything in the context's transaction; the runner commits it
 * or, for a dry run or when anything failed, rolls it back.
 */
export interface ImportKind {
  run(ctx: ImportContext, rows: AsyncIterable<TabularRow>): Promise<void>
}

/** Reads rows in chunks, so lookups go to the database once per chunk, not once per row. */
export async function* chunked<T>(rows: AsyncIterable<T>, size = 1000): AsyncGenerator<T[]> {
  let chunk: T[] = []
  for await (const row of rows) {
    chunk.push(row)
    if (chunk.length >= size) {
      yield chunk
      chunk = []
    }
  }
  if (chunk.length) yield chunk
}

/** Remembers the largest base amount a posted row moved (the approval gate matches rules by it). */
export function noteBaseAmount(ctx: ImportContext, baseAmount: string) {
  const amount = new Decimal(baseAmount).abs()
  if (!ctx.stats.maxBaseAmount || amount.gt(ctx.stats.maxBaseAmount)) {
    ctx.stats.maxBaseAmount = amount.toFixed()
  }
}

/**
 * Writes one row in a savepoint: a refusal (ApiError) undoes the row's writes, the row no longer
 * counts as valid and `refused` reports it, while the next rows still go in. Any other error ends
 * the import.
 */
export async function inRowSavepoint(
  ctx: ImportContext,
  write: () => Promise<void>,
  refused: (error: ApiError) => void
) {
  const trx = ctx.uow.trx
  await trx.rawQuery('SAVEPOINT import_row')
  try {
    await write()
    await trx.rawQuery('RELEASE SAVEPOINT import_row')
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    await trx.rawQuery('ROLLBACK TO SAVEPOINT import_row')
    await trx.rawQuery('RELEASE SAVEPOINT import_row')
    ctx.stats.valid--
    refused(error)
  }
}
