import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type Customer from '#modules/customers/models/customer'
import { CustomerService } from '#modules/customers/services/customer_service'
import { formatAmount } from '#kernel/money/money'
import { parseAmount } from '#kernel/money/parse_amount'
import type { UnitOfWork } from '#kernel/unit_of_work'

/** One currency's limits as the API and audit show them (money in that currency's decimals). */
export interface CurrencyLimitView {
  currency: string
  creditLimit: string
  lowBalanceThreshold: string | null
  /** the customer's default currency: this row is the customer's own creditLimit fields */
  isDefault: boolean
}

/** A change to one currency's row; an absent field keeps its value. */
export interface CurrencyLimitChange {
  currency: string
  creditLimit?: string
  lowBalanceThreshold?: string | null
}

/**
 * Credit limit and low-balance line per customer × currency (customer_currency_limits, migration
 * 0240). The default currency's row is the customer's own fields (a trigger copies them), so a
 * change to it is a customer update; other currencies are written here. Read by the ledger
 * (ledger_credit_limit) and the low-balance alert.
 */
export class CurrencyLimitService {
  async list(client: QueryClientContract, customer: Customer): Promise<CurrencyLimitView[]> {
    const result = await client.rawQuery(
      `SELECT currency, credit_limit, low_balance_threshold FROM customer_currency_limits
        WHERE customer_id = ? ORDER BY currency = ? DESC, currency`,
      [customer.id, customer.defaultCurrency]
    )
    return result.rows.map((row: any) => view(row, customer.defaultCurrency))
  }

  async find(client: QueryClientContract, customer: Customer, currency: string) {
    const rows = await this.list(client, customer)
    return rows.find((row) => row.currency === currency) ?? null
  }

  /** Applies a change (its gate passed): the default row through the customer, others here. */
  async set(uow: UnitOfWork, customer: Customer, change: CurrencyLimitChange) {
    if (change.currency === customer.defaultCurrency) {
      const { creditLimit, lowBalanceThreshold } = change
      const fields = { creditLimit, lowBalanceThreshold }
      await new CustomerService().update(uow, customer, fields)
      return this.list(uow.trx, customer)
    }
    const before = await this.find(uow.trx, customer, change.currency)
    const creditLimit =
      change.creditLimit === undefined
        ? (before?.creditLimit ?? '0')
        : amount('creditLimit', change.creditLimit, change.currency)
    const threshold =
      change.lowBalanceThreshold === undefined
        ? (before?.lowBalanceThreshold ?? null)
        : change.lowBalanceThreshold === null
          ? null
          : amount('lowBalanceThreshold', change.lowBalanceThreshold, change.currency)
    await uow.trx.rawQuery(
      `INSERT INTO customer_currency_limits (customer_id, currency, credit_limit, low_balance_threshold)
       VALUES (?, ?, ?, ?)
       ON CONFLICT (customer_id, currency) DO UPDATE
         SET credit_limit = EXCLUDED.credit_limit,
             low_balance_threshold = EXCLUDED.low_balance_threshold, updated_at = now()`,
      [customer.id, change.currency, creditLimit, threshold] as any[]
    )
    const after = await this.find(uow.trx, customer, change.currency)
    uow.audit({
      entityType: 'customer_currency_limit',
      entityId: `${customer.id}:${change.currency}`,
      action: before ? 'update' : 'create',
      before,
      after,
    })
    return this.list(uow.trx, customer)
  }
}

function amount(field: string, value: string, currency: string) {
  return parseAmount(field, value, currency, { allowZero: true }).toFixed()
}

function view(row: any, defaultCurrency: string): CurrencyLimitView {
  const currency = String(row.currency).trim()
  return {
    currency,
    creditLimit: formatAmount(row.credit_limit, currency),
    lowBalanceThreshold:
      row.low_balance_threshold === null ? null : formatAmount(row.low_balance_threshold, currency),
    isDefault: currency === defaultCurrency,
  }
}
