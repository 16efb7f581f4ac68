import { BaseSchema } from '@adonisjs/lucid/schema'
import { CURRENCIES } from '#kernel/money/currencies'
import { LEDGER_ACCOUNTS } from '#modules/prepayments/ledger/accounts'

/**
 * Reference data every installation needs: ISO 4217 currencies with their minor units, the chart of
 * accounts the ledger posts to, exchange rates into the base currency, and accounting periods.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('currencies', (table) => {
      table.string('code', 3).primary()
      table.string('name_zh', 40).notNullable()
      table.string('name_en', 60).notNullable()
      table.smallint('minor_units').notNullable().checkBetween([0, 4])
    })

    this.schema.createTable('ledger_accounts', (table) => {
      table.string('code', 8).primary()
      table.string('name_zh', 40).notNullable()
      table.string('name_en', 60).notNullable()
      table.enu('type', ['asset', 'liability', 'income', 'expense']).notNullable()
    })

    this.schema.createTable('exchange_rates', (table) => {
      table.string('currency', 3).notNullable().references('currencies.code')
      table.date('rate_date').notNullable()
      // Units of base currency for one unit of `currency`.
      table.decimal('rate', 20, 10).notNullable().checkPositive()
      table.bigInteger('created_by').nullable().references('users.id')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['currency', 'rate_date'])
    })

    this.schema.createTable('accounting_periods', (table) => {
      table.string('period', 7).primary() // YYYY-MM
      table.enu('status', ['open', 'closed']).notNullable()
      table.timestamp('closed_at', { useTz: true }).nullable()
      table.bigInteger('closed_by').nullable().references('users.id')
    })

    this.defer(async (db) => {
      await db.table('currencies').multiInsert(CURRENCIES.map((c) => ({ ...c })))
      await db.table('ledger_accounts').multiInsert(LEDGER_ACCOUNTS.map((a) => ({ ...a })))
    })
  }

  async down() {
    this.schema.dropTable('accounting_periods')
    this.schema.dropTable('exchange_rates')
    this.schema.dropTable('ledger_accounts')
    this.schema.dropTable('currencies')
  }
}
