import { BaseSchema } from '@adonisjs/lucid/schema'
import { sqlFile } from '#database/sql_files'

/**
 * The executive pack at scale (issue 20): the monthly closing balances also keep refunds and
 * adjustments in the base currency (the pack's KPIs and trend read months, not lines), and the
 * FIFO ageing reads only the inflows that make up each balance (report_ageing.sql).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      ALTER TABLE ledger_monthly_balances
        ADD COLUMN IF NOT EXISTS refunded_base numeric(20,4) NOT NULL DEFAULT 0,
        ADD COLUMN IF NOT EXISTS adjusted_base numeric(20,4) NOT NULL DEFAULT 0;
      -- its result gains the two columns: a changed return type is dropped, not replaced
      DROP FUNCTION IF EXISTS ledger_monthly_recomputed();
    `)
    this.schema.raw(sqlFile('ledger_monthly'))
    this.schema.raw(sqlFile('report_ageing'))
    this.schema.raw('SELECT ledger_monthly_rebuild()')
  }

  async down() {
    this.schema.raw(`DROP FUNCTION IF EXISTS report_fifo_ageing(date)`)
  }
}
