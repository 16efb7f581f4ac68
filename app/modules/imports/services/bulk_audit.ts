import { appendAuditEntries, type AuditEntry } from '#modules/audit/public'
import type { ImportContext } from '#modules/imports/services/import_context'

/** Appends many audit rows in calls of 1,000 (audit_append builds each call's rows in one array). */
export async function appendAuditInChunks(ctx: ImportContext, entries: AuditEntry[]) {
  for (let i = 0; i < entries.length; i += 1000) {
    await appendAuditEntries(ctx.uow.trx, ctx.actor, entries.slice(i, i + 1000))
  }
}

/**
 * Inserts a batch (bound as one JSON array: `sql` reads it with jsonb_to_recordset and returns the
 * new rows with their id), counts the rows posted and appends one `create` audit row per new row
 * with its view and the import job's id.
 */
export async function insertWithAudit(
  ctx: ImportContext,
  entityType: string,
  sql: string,
  batch: unknown[],
  view: (row: any) => Record<string, unknown>
) {
  const result = await ctx.uow.trx.rawQuery(sql, [JSON.stringify(batch)])
  ctx.stats.posted += result.rows.length
  await appendAuditInChunks(
    ctx,
    result.rows.map((row: any) => ({
      entityType,
      entityId: row.id,
      action: 'create',
      after: { ...view(row), importJobId: ctx.jobId },
    }))
  )
}
