import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The duplicate-receipt check after every posting looks for another receipt of the same customer,
 * day and amount: without this index it reads all of the customer's entries of that day (a busy
 * customer's hundreds) for each new one.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(
      "CREATE INDEX journals_receipt_day_amount ON journals (customer_id, entry_date, amount) WHERE kind = 'receipt'"
    )
  }

  async down() {
    this.schema.raw('DROP INDEX journals_receipt_day_amount')
  }
}
