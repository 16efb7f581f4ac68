import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { InvalidInput } from '#kernel/errors'
import { company } from '#kernel/company'
import { ledgerRefusal } from '#modules/prepayments/ledger/ledger_refusals'
import type { UnitOfWork } from '#kernel/unit_of_work'

/** Rates into the base currency, by date: a movement uses the latest rate on or before its date. */
export class ExchangeRateService {
  /** The rate a movement on `date` uses (the ledger's own rule, ledger_rate_for). */
  async rateFor(client: QueryClientContract, currency: string, date: string): Promise<string> {
    const result = await client
      .rawQuery('SELECT ledger_rate_for(?, ?, ?)::text AS rate', [
        currency,
        date,
        company.baseCurrency,
      ])
      .catch((error) => {
        throw ledgerRefusal(error)
      })
    return result.rows[0].rate
  }

  /** GET /exchange-rates: newest date first, by currency; a currency and a date range narrow it. */
  async list(filters: { currency?: string; from?: string; to?: string; limit: number }) {
    const query = db
      .from('exchange_rates')
      .orderBy('rate_date', 'desc')
      .orderBy('currency')
      .limit(filters.limit)
    if (filters.currency) query.where('currency', filters.currency)
    if (filters.from) query.where('rate_date', '>=', filters.from)
    if (filters.to) query.where('rate_date', '<=', filters.to)
    const rows = await query
    return rows.map((r) => ({ currency: r.currency, rateDate: r.rate_date, rate: r.rate }))
  }

  async record(uow: UnitOfWork, currency: string, rateDate: string, rate: string) {
    if (currency === company.baseCurrency) {
      throw new InvalidInput(
        'currency',
        'notBase',
        `${currency} is the base currency; its rate is always 1`
      )
    }
    if (!/[1-9]/.test(rate))
      throw new InvalidInput('rate', 'positive', 'rate must be greater than zero')
    const previous = await uow.trx.rawQuery(
      'SELECT rate FROM exchange_rates WHERE currency = ? AND rate_date = ? FOR UPDATE',
      [currency, rateDate]
    )
    await uow.trx
      .insertQuery()
      .table('exchange_rates')
      .knexQuery.insert({ currency, rate_date: rateDate, rate, created_by: uow.actor.userId })
      .onConflict(['currency', 'rate_date'])
      .merge(['rate', 'created_by'])
    uow.audit({
      entityType: 'exchange_rate',
      entityId: `${currency}:${rateDate}`,
      action: previous.rows.length ? 'update' : 'create',
      before: previous.rows[0] ? { currency, rateDate, rate: previous.rows[0].rate } : null,
      after: { currency, rateDate, rate },
    })
    return { currency, rateDate, rate }
  }
}
