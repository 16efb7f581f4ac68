import { company } from '#kernel/company'
import { minorUnitsOf } from '#kernel/money/currencies'
import { actorBindings } from '#modules/audit/services/audit_writer'
import type { ImportContext } from '#modules/imports/services/import_context'

/** Audit rows appended per call (audit_append grows its array of rows by copying: keep it short). */
const AUDIT_CHUNK = 250

/** One `post_receipt` audit row per journal with the view ledger_post would have returned. */
export async function appendReceiptAudit(ctx: ImportContext) {
  const trx = ctx.uow.trx
  const base = company.baseCurrency
  const count = await trx.rawQuery(
    'SELECT min(row_no) AS lo, max(row_no) AS hi FROM import_receipt_stage'
  )
  const { lo, hi } = count.rows[0]
  if (lo === null) return
  for (let from = Number(lo); from <= Number(hi); from += AUDIT_CHUNK) {
    await trx.rawQuery(
      `SELECT audit_append(?, ?, ?, ?, ?, coalesce(jsonb_agg(jsonb_build_object(
         'entityType', 'journal', 'entityId', s.journal_id::text, 'action', 'post_receipt',
         'after', json_build_object(
           'id', s.journal_id, 'journalNo', s.journal_no, 'kind', 'receipt',
           'customerId', s.customer_id, 'projectId', s.project_id, 'currency', s.currency,
           'amount', round(s.amount, c.minor_units)::text,
           'balanceEffect', round(s.amount, c.minor_units)::text,
           'exchangeRate', s.rate::numeric(20,10)::text,
           'baseAmount', round(s.base, ?)::text,
           'entryDate', to_char(s.entry_date, 'YYYY-MM-DD'),
           'channel', s.channel, 'bankReference', s.bank_reference, 'documentType', NULL,
           'documentNo', NULL, 'reason', NULL, 'memo', s.memo, 'reversesJournalId', NULL,
           'approvalId', NULL, 'createdBy', ?::bigint,
           'createdAt', to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'importJobId', ?::bigint,
           'balanceAfter', json_build_object('currency', s.currency,
             'balance', round(s.balance_after, c.minor_units)::text))
         ) ORDER BY s.row_no), '[]'::jsonb))
         FROM import_receipt_stage s JOIN currencies c ON c.code = s.currency
        WHERE s.row_no >= ? AND s.row_no < ?`,
      [
        ...actorBindings(ctx.actor),
        minorUnitsOf(base),
        ctx.actor.userId,
        ctx.jobId,
        from,
        from + AUDIT_CHUNK,
      ] as any
    )
  }
}
