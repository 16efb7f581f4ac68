import { NotFound } from '#kernel/errors'
import type { UnitOfWork } from '#kernel/unit_of_work'

/**
 * The steps every admin-kept table (alert rules, approval rules, webhooks…) repeats when it changes
 * one row by id inside a unit of work: find and lock it, or answer 404; write it back stamped.
 */

/** The row of `table` with this id, locked until the unit of work ends; `NotFound(what)` if none. */
export async function lockRow(uow: UnitOfWork, table: string, id: number, what: string) {
  const row = await uow.trx.from(table).where('id', id).forUpdate().first()
  if (!row) throw new NotFound(what)
  return row
}

/** Writes `changes` (and `updated_at`) to the row with this id and returns the row as stored. */
export async function updateRow(
  uow: UnitOfWork,
  table: string,
  id: number,
  changes: Record<string, unknown>
) {
  const [row] = await uow.trx
    .from(table)
    .where('id', id)
    .update({ ...changes, updated_at: new Date() })
    .returning('*')
  return row
}
