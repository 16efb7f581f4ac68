import { DateTime } from 'luxon'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { company, companyToday } from '#kernel/company'
import { Conflict, InvalidInput, NotFound } from '#kernel/errors'
import { Money, formatAmount } from '#kernel/money/money'
import { ACCOUNTS } from '#modules/prepayments/ledger/accounts'
import { ledgerRefusal } from '#modules/prepayments/ledger/ledger_refusals'
import type { UnitOfWork } from '#kernel/unit_of_work'

/** A period's revaluation as the API shows it (base amounts in the base currency). */
export interface RevaluationView {
  period: string
  rateDate: string
  createdBy: number
  createdAt: string
  baseCurrency: string
  entries: Array<{
    customerId: number
    customerCode: string
    currency: string
    balance: string
    heldBase: string
    rate: string
    revaluedBase: string
    /** unrealised 汇兑损益: positive a gain (the advance shrank in base), negative a loss */
    gain: string
    journalId: number
    reversalJournalId: number
  }>
  /** the period's unrealised gain (negative a loss) */
  total: string
}

/**
 * 期末汇兑重估 (docs/domain.md, "Month-end revaluation"): once per period, run by finance. The
 * journals are posted by fx_revalue_period (database/sql/fx_revaluation.sql), which refuses a
 * closed period again under the journals' own trigger; a second run answers the first (200).
 */
export class FxRevaluationService {
  async revalue(uow: UnitOfWork, period: string) {
    // at the period-end rate: the period must have reached its last day
    const lastDay = DateTime.fromISO(`${period}-01`).endOf('month').toISODate()!
    if (lastDay > companyToday()) {
      throw new InvalidInput(
        'period',
        'notFuture',
        `period ${period} ends on ${lastDay}, after today`
      )
    }
    await this.assertOpen(uow.trx, period)
    const result = await uow.trx
      .rawQuery('SELECT fx_revalue_period(?, ?, ?, ?) AS run', [
        period,
        ACCOUNTS.customerAdvances,
        company.baseCurrency,
        uow.actor.userId,
      ] as any[])
      .catch((error) => {
        throw ledgerRefusal(error)
      })
    const created: boolean = result.rows[0].run.created
    const view = (await this.find(uow.trx, period))!
    if (created) {
      uow.audit({ entityType: 'fx_revaluation', entityId: period, action: 'revalue', after: view })
    }
    return { status: created ? 201 : 200, body: view }
  }

  async show(client: QueryClientContract, period: string) {
    const view = await this.find(client, period)
    if (!view) throw new NotFound(`no revaluation for ${period}`)
    return view
  }

  /** The period's last day and the next period's first day (its reversal) must both be open. */
  private async assertOpen(client: QueryClientContract, period: string) {
    const result = await client.rawQuery(
      `SELECT p FROM (VALUES (?::text), (to_char((?::text || '-01')::date + interval '1 month', 'YYYY-MM'))) v(p)
        WHERE accounting_period_closed(p)`,
      [period, period]
    )
    if (result.rows.length > 0) {
      const closed = result.rows[0].p
      throw new Conflict(
        'period_closed',
        `accounting period ${closed} is closed; a revaluation of ${period} posts on its last day and reverses on the next period's first`,
        { period: closed },
        'period'
      )
    }
  }

  async find(client: QueryClientContract, period: string): Promise<RevaluationView | null> {
    const runs = await client.rawQuery(
      `SELECT id, period, rate_date::text, created_by, created_at FROM fx_revaluation_runs
        WHERE period = ?`,
      [period]
    )
    const run = runs.rows[0]
    if (!run) return null
    const entries = await client.rawQuery(
      `SELECT e.*, c.code FROM fx_revaluation_entries e JOIN customers c ON c.id = e.customer_id
        WHERE e.run_id = ? ORDER BY c.code, e.currency`,
      [run.id]
    )
    const base = company.baseCurrency
    // the difference is a credit to Customer Advances: its negation is the gain
    const total = entries.rows.reduce(
      (sum: Money, row: any) => sum.minus(row.difference),
      new Money(0)
    )
    return {
      period: run.period,
      rateDate: run.rate_date,
      createdBy: Number(run.created_by),
      createdAt: new Date(run.created_at).toISOString(),
      baseCurrency: base,
      entries: entries.rows.map((row: any) => entryView(row, base)),
      total: formatAmount(total, base),
    }
  }
}

function entryView(row: any, base: string): RevaluationView['entries'][number] {
  const currency = String(row.currency).trim()
  return {
    customerId: Number(row.customer_id),
    customerCode: row.code,
    currency,
    balance: formatAmount(row.balance, currency),
    heldBase: formatAmount(row.held_base, base),
    rate: new Money(row.rate).toFixed(),
    revaluedBase: formatAmount(row.revalued_base, base),
    gain: formatAmount(new Money(row.difference).negated(), base),
    journalId: Number(row.journal_id),
    reversalJournalId: Number(row.reversal_journal_id),
  }
}
