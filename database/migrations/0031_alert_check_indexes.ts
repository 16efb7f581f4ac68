import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The checks after every posting: the duplicate-receipt check looks for another receipt of the
 * same customer, day and amount (without this index it reads all of the customer's entries of
 * that day — a busy customer's hundreds — for each new one); the abnormal-amount median reads the
 * customer's latest entries of one kind, newest first.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(
      'CREATE INDEX journals_customer_kind_day_amount ON journals (customer_id, kind, entry_date, amount, id)'
    )
  }

  async down() {
    this.schema.raw('DROP INDEX journals_customer_kind_day_amount')
  }
}
