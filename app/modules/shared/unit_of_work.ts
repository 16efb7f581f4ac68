import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Actor } from '#modules/shared/actor'
import {
  appendAuditEntries,
  type AuditAppend,
  type AuditEntry,
} from '#modules/audit/services/audit_writer'

/**
 * The caller's right to act on the customer a command names. The ledger checks it on the row it
 * locks anyway (no extra read on the posting path); commands that never lock the customer's
 * account have it checked with a read of their own before they start.
 */
export interface CustomerGuard {
  customerId: number
  /** throws when the caller may not act on this customer (`null`: there is no such customer) */
  check(customer: { salesOwnerId: number | null } | null): void
  /** reads the customer and checks it */
  load(trx: TransactionClientContract): Promise<void>
}

/**
 * One business operation = one database transaction. Services record audit entries and after-commit
 * reactions on the unit of work; the audit rows are written last, inside the same transaction (so a
 * rolled-back operation leaves no trace and a committed one always does), and reactions run only
 * once the data they describe is committed.
 */
export class UnitOfWork {
  readonly auditEntries: AuditEntry[] = []
  readonly afterCommit: Array<() => Promise<unknown> | unknown> = []
  private customerGuard: CustomerGuard | undefined
  private customerChecked = false

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

  guardCustomer(guard: CustomerGuard) {
    this.customerGuard = guard
    this.customerChecked = false
  }

  /** Readers of a customer row pass it here: the guard runs on the guarded customer's first read. */
  customerRead(customerId: number, customer: { salesOwnerId: number | null } | null) {
    if (!this.customerGuard || this.customerChecked) return
    if (customerId !== this.customerGuard.customerId) return
    this.customerGuard.check(customer)
    this.customerChecked = true
  }

  /** Runs the guard with a read of its own unless a reader already did. */
  async checkCustomer() {
    if (!this.customerGuard || this.customerChecked) return
    await this.customerGuard.load(this.trx)
    this.customerChecked = true
  }
}

export async function runInTransaction<T>(
  actor: Actor,
  work: (uow: UnitOfWork) => Promise<T>
): Promise<T> {
  const trx = await db.transaction()
  const unit = new UnitOfWork(trx, actor)
  let result: T
  let appended: AuditAppend | undefined
  let committed = false
  try {
    result = await work(unit)
    appended = await appendAuditEntries(trx, actor, unit.auditEntries)
    await trx.commit()
    // knex resolves commit() even when PostgreSQL refuses the COMMIT (a deferred check such as the
    // balanced-journal trigger fails there) and reports the refusal only on this promise.
    await trx.knexClient.executionPromise
    committed = true
  } catch (error) {
    if (!trx.isCompleted) await trx.rollback()
    throw error
  } finally {
    appended?.settle(committed)
  }
  for (const reaction of unit.afterCommit) {
    // Reactions (alerts, notifications) must never fail or delay the committed operation.
    Promise.resolve()
      .then(reaction)
      .catch((error) => logger.error({ err: error }, 'after-commit reaction failed'))
  }
  return result
}
