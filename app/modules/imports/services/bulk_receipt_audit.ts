import { actorBindings } from '#modules/audit/public'
import type { ImportContext } from '#modules/imports/services/import_context'

/** Audit rows appended per call (audit_append grows its array of rows by copying: keep it short). */
const AUDIT_CHUNK = 250

/**
 * One `post_receipt` audit row per journal, as ledger_post writes it (journal_audit_after:
 * references, amount, date and the journal's digest; the journal is the record), with the
 * import job's id. The journals and their lines are written before.
 */
export async function appendReceiptAudit(ctx: ImportContext) {
  const trx = ctx.uow.trx
  const count = await trx.rawQuery(
    'SELECT min(row_no) AS lo, max(row_no) AS hi FROM import_receipt_stage'
  )
  const { lo, hi } = count.rows[0]
  if (lo === null) return
  for (let from = Number(lo); from <= Number(hi); from += AUDIT_CHUNK) {
    await trx.rawQuery(
      `SELECT audit_append(?, ?, ?, ?, ?, coalesce(jsonb_agg(jsonb_build_object(
         'entityType', 'journal', 'entityId', s.journal_id::text, 'action', 'post_receipt',
         'after', journal_audit_after(s.journal_id) || jsonb_build_object('importJobId', ?::bigint)
         ) ORDER BY s.row_no), '[]'::jsonb))
         FROM import_receipt_stage s
        WHERE s.row_no >= ? AND s.row_no < ?`,
      [...actorBindings(ctx.actor), ctx.jobId, from, from + AUDIT_CHUNK] as any
    )
  }
}
