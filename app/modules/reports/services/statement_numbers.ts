import { companyToday } from '#kernel/company'
import { systemActor, type Actor } from '#kernel/actor'
import { runInTransaction } from '#kernel/unit_of_work'

export interface StatementKey {
  customerId: number
  period: { from: string; to: string }
  ledgerPosition: number
}

/** DZ2026-000042: 对账 + the year of issue + the year's sequence. */
export function formatStatementNumber(year: number, seq: number): string {
  return `DZ${year}-${String(seq).padStart(6, '0')}`
}

/**
 * The statement's number: the one already issued for this customer, period and ledger position
 * (the same statement fetched again keeps it), else the next of the year (company time zone). The
 * counter row is locked for the transaction, so numbers are sequential without gaps; a new number
 * is audited with it.
 */
export function issueStatementNumber(
  key: StatementKey,
  actor: Actor = systemActor('reports')
): Promise<string> {
  return runInTransaction(actor, async (uow) => {
    const bindings = {
      customerId: key.customerId,
      from: key.period.from,
      to: key.period.to,
      position: key.ledgerPosition,
    }
    // serialises issuers of the same statement (the unique key would otherwise burn a number)
    await uow.trx.rawQuery(
      `SELECT pg_advisory_xact_lock(hashtext('statement_number'), :customerId)`,
      bindings
    )
    const found = await uow.trx.rawQuery(
      `SELECT number FROM statement_numbers WHERE customer_id = :customerId AND period_from = :from
          AND period_to = :to AND ledger_position = :position`,
      bindings
    )
    if (found.rows[0]) return found.rows[0].number as string
    const year = Number(companyToday().slice(0, 4))
    const counter = await uow.trx.rawQuery(
      `INSERT INTO statement_number_counters AS c (year, last) VALUES (?, 1)
       ON CONFLICT (year) DO UPDATE SET last = c.last + 1 RETURNING last`,
      [year]
    )
    const seq = Number(counter.rows[0].last)
    const number = formatStatementNumber(year, seq)
    const inserted = await uow.trx.rawQuery(
      `INSERT INTO statement_numbers (number, year, seq, customer_id, period_from, period_to, ledger_position)
       VALUES (:number, :year, :seq, :customerId, :from, :to, :position) RETURNING id`,
      { ...bindings, number, year, seq }
    )
    uow.audit({
      entityType: 'statement_number',
      entityId: inserted.rows[0].id,
      action: 'issue',
      after: { number, ...bindings },
    })
    return number
  })
}
