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
  const trx = await db.transaction()
  const unit = new UnitOfWork(trx, actor)
  let result: T
  try {
    result = await work(unit)
    await appendAuditEntries(trx, actor, unit.auditEntries)
    await trx.commit()
  } catch (error) {
    if (!trx.isCompleted) await trx.rollback()
    throw error
  }
  // knex resolves commit() even when PostgreSQL refuses the COMMIT (a deferred check such as the
  // balanced-journal trigger fails there) and reports the refusal only on this promise.
  await trx.knexClient.executionPromise
  for (const reaction of unit.afterCommit) {
    // Reactions (alerts, notifications) must never fail or delay the committed operation.
    Promise.resolve()
      .then(reaction)
      .catch((error) => logger.error({ err: error }, 'after-commit reaction failed'))
  }
  return result
}
