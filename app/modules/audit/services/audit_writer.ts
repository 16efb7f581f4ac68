import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
import type { Actor } from '#kernel/actor'
import { preparedQuery } from '#kernel/prepared_statement'
import type { AuditEntry } from '#kernel/unit_of_work_stores'

export type { AuditEntry }

/** The entries as the database's audit_append takes them (a JSON array). */
export function auditEntriesJson(entries: AuditEntry[]): string {
  return JSON.stringify(
    entries.map((entry) => ({
      entityType: entry.entityType,
      entityId: entry.entityId === null ? null : String(entry.entityId),
      action: entry.action,
      before: entry.before ?? null,
      after: entry.after ?? null,
    }))
  )
}

/** The actor's columns of an audit row, in the order the database functions take them. */
export function actorBindings(actor: Actor) {
  return [actor.userId, actor.role, actor.ip, actor.userAgent, actor.requestId]
}

const APPEND_SQL = 'SELECT audit_append(?, ?, ?, ?, ?, ?::jsonb)'

/**
 * Appends the entries to the audit log inside the caller's transaction: the database picks a hash
 * chain no other transaction holds, hashes and links the rows, and moves the chain's head (see
 * audit_append in the migrations). Rows of one transaction share a chain.
 */
export async function appendAuditEntries(
  client: QueryClientContract,
  actor: Actor,
  entries: AuditEntry[]
): Promise<void> {
  if (entries.length === 0) return
  await preparedQuery(client, APPEND_SQL, [
    ...actorBindings(actor),
    auditEntriesJson(entries),
  ] as RawQueryBindings)
}
