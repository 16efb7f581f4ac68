import { BaseSchema } from '@adonisjs/lucid/schema'

/** The currencies as of this migration (a later change is a later migration). */
const CURRENCIES = [
  { code: 'CNY', name_zh: '人民币', name_en: 'Chinese Yuan', minor_units: 2 },
  { code: 'USD', name_zh: '美元', name_en: 'US Dollar', minor_units: 2 },
  { code: 'EUR', name_zh: '欧元', name_en: 'Euro', minor_units: 2 },
  { code: 'HKD', name_zh: '港币', name_en: 'Hong Kong Dollar', minor_units: 2 },
  { code: 'GBP', name_zh: '英镑', name_en: 'Pound Sterling', minor_units: 2 },
  { code: 'JPY', name_zh: '日元', name_en: 'Japanese Yen', minor_units: 0 },
  { code: 'KRW', name_zh: '韩元', name_en: 'South Korean Won', minor_units: 0 },
  { code: 'SGD', name_zh: '新加坡元', name_en: 'Singapore Dollar', minor_units: 2 },
  { code: 'AUD', name_zh: '澳元', name_en: 'Australian Dollar', minor_units: 2 },
  { code: 'CAD', name_zh: '加元', name_en: 'Canadian Dollar', minor_units: 2 },
  { code: 'CHF', name_zh: '瑞士法郎', name_en: 'Swiss Franc', minor_units: 2 },
  { code: 'TWD', name_zh: '新台币', name_en: 'New Taiwan Dollar', minor_units: 2 },
  { code: 'MOP', name_zh: '澳门元', name_en: 'Macanese Pataca', minor_units: 2 },
  { code: 'RUB', name_zh: '卢布', name_en: 'Russian Ruble', minor_units: 2 },
  { code: 'THB', name_zh: '泰铢', name_en: 'Thai Baht', minor_units: 2 },
  { code: 'VND', name_zh: '越南盾', name_en: 'Vietnamese Dong', minor_units: 0 },
  { code: 'INR', name_zh: '印度卢比', name_en: 'Indian Rupee', minor_units: 2 },
  { code: 'AED', name_zh: '阿联酋迪拉姆', name_en: 'UAE Dirham', minor_units: 2 },
  { code: 'SAR', name_zh: '沙特里亚尔', name_en: 'Saudi Riyal', minor_units: 2 },
  { code: 'KWD', name_zh: '科威特第纳尔', name_en: 'Kuwaiti Dinar', minor_units: 3 },
  { code: 'BHD', name_zh: '巴林第纳尔', name_en: 'Bahraini Dinar', minor_units: 3 },
  { code: 'MYR', name_zh: '林吉特', name_en: 'Malaysian Ringgit', minor_units: 2 },
  { code: 'NZD', name_zh: '新西兰元', name_en: 'New Zealand Dollar', minor_units: 2 },
]

/** The chart of accounts as of this migration. */
const LEDGER_ACCOUNTS = [
  { code: '1001', name_zh: '库存现金', name_en: 'Cash on hand', type: 'asset' },
  { code: '1002', name_zh: '银行存款', name_en: 'Bank deposits', type: 'asset' },
  {
    code: '1012',
    name_zh: '其他货币资金',
    name_en: 'Other monetary funds (WeChat Pay, Alipay)',
    type: 'asset',
  },
  { code: '1122', name_zh: '应收账款', name_en: 'Accounts receivable', type: 'asset' },
  { code: '2203', name_zh: '预收账款', name_en: 'Customer advances', type: 'liability' },
  { code: '6001', name_zh: '主营业务收入', name_en: 'Revenue', type: 'income' },
  { code: '6711', name_zh: '预收款调整', name_en: 'Advance adjustments', type: 'expense' },
]

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
