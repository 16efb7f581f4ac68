import { appendAuditEntries, type AuditEntry } from '#modules/audit/services/audit_writer'
import type { ImportContext } from '#modules/imports/services/import_context'

/** Appends many audit rows in calls of 1,000 (audit_append builds each call's rows in one array). */
export async function appendAuditInChunks(ctx: ImportContext, entries: AuditEntry[]) {
  for (let i = 0; i < entries.length; i += 1000) {
    await appendAuditEntries(ctx.uow.trx, ctx.actor, entries.slice(i, i + 1000))
  }
}
