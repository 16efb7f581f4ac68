import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { Conflict, InvalidInput } from '#kernel/errors'
import { companyToday } from '#kernel/company'
import { ledgerRefusal } from '#modules/prepayments/ledger/ledger_refusals'
import type { UnitOfWork } from '#kernel/unit_of_work'
import { numberOrNull } from '#kernel/row_values'

/**
 * Accounting periods (会计期间). Once a month is closed nothing may be dated inside it; the database
 * trigger on journals enforces the same rule, this service gives the friendly error first.
 */
export class PeriodService {
  /** The ledger's own closed-period rule (ledger_assert_period_open), answered from its table. */
  async assertOpen(client: QueryClientContract, date: string) {
    await client.rawQuery('SELECT ledger_assert_period_open(?)', [date]).catch((error) => {
      throw ledgerRefusal(error, { entryDate: date })
    })
  }

  async close(uow: UnitOfWork, period: string) {
    if (period > companyToday().slice(0, 7)) {
      throw new InvalidInput('period', 'notFuture', `period ${period} has not started yet`)
    }
    // Exclusive twin of the shared lock each posting takes: waits for in-flight postings of the month.
    await uow.trx.rawQuery('SELECT pg_advisory_xact_lock(hashtext(?))', [
      `accounting_period:${period}`,
    ])
    const current = await uow.trx.rawQuery(
      'SELECT status FROM accounting_periods WHERE period = ?',
      [period]
    )
    if (current.rows[0]?.status === 'closed') {
      throw new Conflict(
        'period_closed',
        `accounting period ${period} is already closed`,
        { period },
        'period'
      )
    }
    await uow.trx
      .insertQuery()
      .table('accounting_periods')
      .knexQuery.insert({
        period,
        status: 'closed',
        closed_at: new Date(),
        closed_by: uow.actor.userId,
      })
      .onConflict('period')
      .merge(['status', 'closed_at', 'closed_by'])
    const after = { period, status: 'closed' }
    uow.audit({
      entityType: 'accounting_period',
      entityId: period,
      action: 'close',
      before: { period, status: 'open' },
      after,
    })
    return after
  }

  async list(client: QueryClientContract) {
    const result = await client.rawQuery(
      'SELECT period, status, closed_at, closed_by FROM accounting_periods ORDER BY period DESC'
    )
    return result.rows.map((r: any) => ({
      period: r.period,
      status: r.status,
      closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
      closedBy: numberOrNull(r.closed_by),
    }))
  }
}
