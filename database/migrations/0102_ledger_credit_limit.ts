import { BaseSchema } from '@adonisjs/lucid/schema'
import { sqlFile } from '#database/sql_files'

/**
 * The credit-limit currency rule (a limit counts only in the customer's default currency) as one
 * function, ledger_credit_limit, used by the posting path and the balances API alike: reloads
 * database/sql/ledger.sql.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(sqlFile('ledger'))
  }

  async down() {
    // ledger_credit_limit stays: the reloaded ledger_lock_account calls it.
  }
}
