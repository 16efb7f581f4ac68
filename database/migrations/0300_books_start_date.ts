import { BaseSchema } from '@adonisjs/lucid/schema'
import { sqlFile } from '#database/sql_files'

/**
 * 账套启用日期: the first day the books hold, a company setting edited in the panel. Postings,
 * approval requests and imports dated before it are refused (ledger.sql `ledger_books_start`, the
 * journal trigger in ledger_guards.sql); the setting never moves past a posted entry
 * (books_start.sql). An existing ledger starts on the first day of its earliest entry's month; a
 * new one has no floor until finance sets it (the demo company sets its own).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      ALTER TABLE company_settings ADD COLUMN books_start_date date;
      UPDATE company_settings
         SET books_start_date = (SELECT date_trunc('month', min(entry_date))::date FROM journals);
    `)
    this.schema.raw(sqlFile('ledger'))
    this.schema.raw(sqlFile('ledger_guards'))
    this.schema.raw(sqlFile('books_start'))
  }

  async down() {
    this.schema.raw(`
      DROP TRIGGER IF EXISTS company_settings_books_start ON company_settings;
      DROP FUNCTION IF EXISTS ledger_books_start_before_entries();
      ALTER TABLE company_settings DROP COLUMN books_start_date;
    `)
  }
}
