import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Actor } from '#kernel/actor'
import { unitOfWorkStores, type AuditEntry, type PublishedEvent } from '#kernel/unit_of_work_stores'

/**
 * The caller's right to act on the customer a command names. The ledger checks it in the statement
 * that locks the customer's account (no extra read on the posting path); commands that never lock
 * the account have it checked with a read of their own before they start.
 */
export interface CustomerGuard {
  customerId: number
  /** the sales owner the customer must have for this caller (null: any customer) */
  requiredOwner: number | null
  /** throws when the caller may not act on this customer (`null`: there is no such customer) */
  check(customer: { salesOwnerId: number | null } | null): void
  /** reads the customer and checks it */
  load(trx: TransactionClientContract): Promise<void>
}

/**
 * One business operation = one database transaction. Services record audit entries and after-commit
 * reactions on the unit of work; the audit rows are written inside the same transaction (so a
 * rolled-back operation leaves no trace and a committed one always does), and reactions run only
 * once the data they describe is committed.
 *
 * A unit of work may also be a single statement that is its own transaction (`runAsOneStatement`):
 * then there is no `trx`, the statement runs on `client` once, and it writes the audit rows itself.
 */
export class UnitOfWork {
  private auditEntries: AuditEntry[] = []
  private events: PublishedEvent[] = []
  readonly afterCommit: Array<() => Promise<unknown> | unknown> = []
  private customerGuard: CustomerGuard | undefined
  private customerChecked = false
  private statementRun = false

  constructor(
    private transaction: TransactionClientContract | null,
    readonly actor: Actor
  ) {}

  /** The transaction; a one-statement unit has none (use `client`). */
  get trx(): TransactionClientContract {
    if (!this.transaction) throw new Error('this unit of work is one statement: use uow.client')
    return this.transaction
  }

  /** Where the unit's statements run: its transaction, or for a one-statement unit the pool, once. */
  get client(): QueryClientContract {
    if (this.transaction) return this.transaction
    if (this.statementRun) throw new Error('a one-statement unit of work ran its statement already')
    this.statementRun = true
    return db.connection()
  }

  audit(entry: AuditEntry) {
    this.auditEntries.push(entry)
  }

  /** The entries recorded so far, for a statement that writes them itself (the ledger's posting). */
  takeAuditEntries(): AuditEntry[] {
    return this.auditEntries.splice(0)
  }

  /**
   * Records an outbound event (webhooks, later reactions): written to the outbox in this
   * transaction, after the audit rows, so it exists exactly when the change it describes does.
   */
  publish(event: PublishedEvent) {
    this.events.push(event)
  }

  /** Events recorded and not yet written (written at the end of the transaction). */
  unwrittenEvents(): PublishedEvent[] {
    return this.events
  }

  onCommit(reaction: () => Promise<unknown> | unknown) {
    this.afterCommit.push(reaction)
  }

  guardCustomer(guard: CustomerGuard) {
    this.customerGuard = guard
    this.customerChecked = false
  }

  /**
   * For a statement that checks the customer itself: the guard still to check on `customerId`
   * (undefined when there is none or it has run).
   */
  pendingGuard(customerId: number): CustomerGuard | undefined {
    const guard = this.customerGuard
    if (!guard || this.customerChecked || guard.customerId !== customerId) return undefined
    return guard
  }

  /** A statement checked the pending guard of `customerId` (see pendingGuard). */
  customerCheckedBy(customerId: number) {
    if (this.pendingGuard(customerId)) this.customerChecked = true
  }

  /** Runs the guard with a read of its own unless a statement already did. */
  async checkCustomer() {
    if (!this.customerGuard || this.customerChecked) return
    await this.customerGuard.load(this.trx)
    this.customerChecked = true
  }

  /** Audit entries recorded and not yet written (written at the end of the transaction). */
  unwrittenAuditEntries(): AuditEntry[] {
    return this.auditEntries
  }

  /** Starts the after-commit reactions; they must never fail or delay the committed operation. */
  react() {
    for (const reaction of this.afterCommit) {
      const running = Promise.resolve()
        .then(reaction)
        .catch((error) => logger.error({ err: error }, 'after-commit reaction failed'))
        .finally(() => reactionsRunning.delete(running))
      reactionsRunning.add(running)
    }
  }
}

/** After-commit reactions started and not yet finished (alert passes, emails…), in this process. */
const reactionsRunning = new Set<Promise<unknown>>()

/**
 * Resolves once every after-commit reaction has finished, also those they started meanwhile. A
 * command that posts awaits it before it exits, so its last postings' alerts are not cut off by the
 * database pool closing.
 */
export async function reactionsSettled(): Promise<void> {
  while (reactionsRunning.size > 0) await Promise.allSettled([...reactionsRunning])
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
    await commitUnit(unit, trx)
  } catch (error) {
    if (!trx.isCompleted) await trx.rollback()
    throw error
  }
  unit.react()
  return result
}

/**
 * Ends a unit of work's transaction: its audit rows and outbox events are written, then COMMIT.
 * For work that drives its own transaction (an import job); the caller rolls back on a throw and
 * calls `unit.react()` afterwards.
 */
export async function commitUnit(unit: UnitOfWork, trx: TransactionClientContract) {
  const stores = unitOfWorkStores()
  const entries = unit.unwrittenAuditEntries()
  if (entries.length) await stores.appendAudit(trx, unit.actor, entries)
  const events = unit.unwrittenEvents()
  if (events.length) {
    await stores.writeEvents(trx, events)
    unit.onCommit(() => stores.eventsCommitted())
  }
  await trx.commit()
  // knex resolves commit() even when PostgreSQL refuses the COMMIT (a deferred check such as the
  // balanced-journal trigger fails there) and reports the refusal only on this promise.
  await trx.knexClient.executionPromise
}

/**
 * Runs work that is one statement — the ledger's posting, which checks, writes and audits in one
 * call — without BEGIN and COMMIT around it: the statement is its own transaction.
 */
export async function runAsOneStatement<T>(
  actor: Actor,
  work: (uow: UnitOfWork) => Promise<T>
): Promise<T> {
  const unit = new UnitOfWork(null, actor)
  const result = await work(unit)
  if (unit.unwrittenAuditEntries().length || unit.unwrittenEvents().length) {
    throw new Error(
      'a one-statement unit of work must write its audit rows in its statement (its events too)'
    )
  }
  unit.react()
  return result
}
