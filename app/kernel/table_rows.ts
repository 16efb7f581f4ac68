import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { NotFound } from '#kernel/errors'
import type { UnitOfWork } from '#kernel/unit_of_work'

/**
 * The steps a module repeats around one row: find it (joined, or by id) and lock it, or answer 404;
 * write it back stamped. Admin-kept tables (alert rules, approval rules, webhooks…) use the last two.
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

/**
 * The row a joined SELECT gives for `key = id`, or null. With `lockOf` (the alias of the row's own
 * table) that row is locked until the transaction ends; the rows it is joined with are not.
 */
export async function selectRow<Row>(
  client: QueryClientContract,
  select: string,
  key: string,
  id: number,
  lockOf?: string
): Promise<Row | null> {
  const lock = lockOf ? `FOR UPDATE OF ${lockOf}` : ''
  const result = await client.rawQuery(`${select} WHERE ${key} = ? ${lock}`, [id])
  return result.rows[0] ?? null
}

/**
 * A list's newest rows: `select` (a SELECT and its joins, no WHERE) narrowed by the filters the
 * caller gave (`{ 'd.status': 'sent', 'd.run_id': undefined }` filters by status only), newest first
 * by `newest`. The column names are the code's; the values are bound.
 */
export async function newestRows<Row>(
  select: string,
  filters: Record<string, string | number | undefined>,
  newest: string,
  limit: number
): Promise<Row[]> {
  const given = Object.entries(filters).filter(([, value]) => value !== undefined)
  const where = given.map(([column]) => `${column} = ?`).join(' AND ')
  const result = await db.rawQuery(
    `${select} ${where ? `WHERE ${where}` : ''} ORDER BY ${newest} DESC LIMIT ?`,
    [...given.map(([, value]) => value!), limit]
  )
  return result.rows
}

/**
 * One page of a list read newest first by `column` (an id): `beforeId` continues from the page
 * before, and `nextBeforeId` is where the next page starts (null: nothing older).
 */
export async function pageBefore(
  query: DatabaseQueryBuilderContract,
  column: string,
  page: { beforeId?: number; limit: number }
) {
  if (page.beforeId) query.where(column, '<', page.beforeId)
  const rows = await query.orderBy(column, 'desc').limit(page.limit)
  const last = rows[rows.length - 1]
  return { rows, nextBeforeId: rows.length === page.limit ? Number(last.id) : null }
}
