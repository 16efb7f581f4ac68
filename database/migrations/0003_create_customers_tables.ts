import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('customers', (table) => {
      table.bigIncrements('id')
      table.string('code', 40).notNullable().unique()
      table.string('name', 200).notNullable()
      table.string('contact_email', 254).nullable()
      table.string('default_currency', 3).notNullable().references('currencies.code')
      table.decimal('credit_limit', 20, 4).notNullable().defaultTo(0)
      table.decimal('low_balance_threshold', 20, 4).nullable()
      table.bigInteger('sales_owner_id').nullable().references('users.id')
      table.string('department', 80).nullable()
      table.enu('status', ['active', 'inactive']).notNullable().defaultTo('active')
      table.jsonb('custom_fields').notNullable().defaultTo('{}')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['sales_owner_id'])
    })
    this.schema.raw(
      'ALTER TABLE customers ADD CONSTRAINT customers_limits_not_negative CHECK (credit_limit >= 0 AND coalesce(low_balance_threshold, 0) >= 0)'
    )

    this.schema.createTable('projects', (table) => {
      table.bigIncrements('id')
      table.bigInteger('customer_id').notNullable().references('customers.id')
      table.string('code', 40).notNullable()
      table.string('name', 200).notNullable()
      table.decimal('contract_amount', 20, 4).nullable()
      table.string('currency', 3).notNullable().references('currencies.code')
      table.enu('status', ['active', 'closed']).notNullable().defaultTo('active')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['customer_id', 'code'])
    })
  }

  async down() {
    this.schema.dropTable('projects')
    this.schema.dropTable('customers')
  }
}
