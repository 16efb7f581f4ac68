import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Actor } from '#modules/shared/actor'
import { appendAuditEntries, type AuditEntry } from '#modules/audit/services/audit_writer'

/**
 * One business operation = one database transaction. Services record audit entries and after-commit
 * reactions on the unit of work; the audit rows are written last, inside the same transaction (so a
 * rolled-back operation leaves no trace and a committed one always does), and reactions run only
 * once the data they describe is committed.
 */
export class UnitOfWork {
  readonly auditEntries: AuditEntry[] = []
  readonly afterCommit: Array<() => Promise<unknown> | unknown> = []

  constructor(
    readonly trx: TransactionClientContract,
    readonly actor: Actor
  ) {}

  audit(entry: AuditEntry) {
    this.auditEntries.push(entry)
  }

  onCommit(reaction: () => Promise<unknown> | unknown) {
    this.afterCommit.push(reaction)
  }
}

export async function runInTransaction<T>(
  actor: Actor,
  work: (uow: UnitOfWork) => Promise<T>
): Promise<T> {
  let unit: UnitOfWork | undefined
  const result = await db.transaction(async (trx) => {
    unit = new UnitOfWork(trx, actor)
    const value = await work(unit)
    await appendAuditEntries(trx, actor, unit.auditEntries)
    // Fire the deferred ledger checks (balanced journals) now: an error raised by COMMIT itself is
    // not reported back through knex's managed transaction, an error from this statement is.
    await trx.rawQuery('SET CONSTRAINTS ALL IMMEDIATE')
    return value
  })
  for (const reaction of unit!.afterCommit) {
    // Reactions (alerts, notifications) must never fail or delay the committed operation.
    Promise.resolve()
      .then(reaction)
      .catch((error) => logger.error({ err: error }, 'after-commit reaction failed'))
  }
  return result
}
