import { BaseSchema } from '@adonisjs/lucid/schema'
import { sqlFile } from '#database/sql_files'

/**
 * The executive pack at scale (issue 20): the monthly closing balances also keep refunds and
 * adjustments in the base currency (the pack's KPIs and trend read months, not lines), and the
 * FIFO ageing reads the inflows of its age bands from an index of inflow lines by date.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      ALTER TABLE ledger_monthly_balances
        ADD COLUMN IF NOT EXISTS refunded_base numeric(20,4) NOT NULL DEFAULT 0,
        ADD COLUMN IF NOT EXISTS adjusted_base numeric(20,4) NOT NULL DEFAULT 0;
      -- its result gains the two columns: a changed return type is dropped, not replaced
      DROP FUNCTION IF EXISTS ledger_monthly_recomputed();
      CREATE INDEX IF NOT EXISTS journal_lines_inflows_by_date ON journal_lines (entry_date)
        INCLUDE (customer_id, currency, base_credit)
        WHERE customer_id IS NOT NULL AND base_credit > 0;
    `)
    this.schema.raw(sqlFile('ledger_monthly'))
    this.schema.raw('SELECT ledger_monthly_rebuild()')
  }

  async down() {
    this.schema.raw(`DROP INDEX IF EXISTS journal_lines_inflows_by_date`)
  }
}
