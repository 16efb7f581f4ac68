import { BaseSchema } from '@adonisjs/lucid/schema'
import { sqlFile } from '#database/sql_files'

/**
 * Reports at scale (issue 20): the monthly closing balances per customer × currency
 * (ledger_customer_months, every project and channel together), kept by the same line trigger as
 * the per-key table. The balances report by customer or owner, by period, and the executive
 * pack's totals, trend and ageing read a third of the keys and rows. The realised exchange
 * differences of a period (汇兑损益, account 6603, written out: migrations never import the
 * application's constants) are found by date, not by a scan of every line. Each balance row counts
 * its lines (`line_count`): the ledger position a cached report file is checked against.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE IF NOT EXISTS ledger_customer_months (
        customer_id bigint NOT NULL REFERENCES customers(id),
        currency char(3) NOT NULL,
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        received numeric(20,4) NOT NULL DEFAULT 0,
        applied numeric(20,4) NOT NULL DEFAULT 0,
        refunded numeric(20,4) NOT NULL DEFAULT 0,
        adjusted numeric(20,4) NOT NULL DEFAULT 0,
        net numeric(20,4) NOT NULL DEFAULT 0,
        received_base numeric(20,4) NOT NULL DEFAULT 0,
        applied_base numeric(20,4) NOT NULL DEFAULT 0,
        refunded_base numeric(20,4) NOT NULL DEFAULT 0,
        adjusted_base numeric(20,4) NOT NULL DEFAULT 0,
        net_base numeric(20,4) NOT NULL DEFAULT 0,
        lines integer NOT NULL DEFAULT 0,
        closing numeric(20,4) NOT NULL DEFAULT 0,
        closing_base numeric(20,4) NOT NULL DEFAULT 0,
        PRIMARY KEY (customer_id, currency, month)
      );
      CREATE INDEX IF NOT EXISTS ledger_customer_months_month ON ledger_customer_months (month);
      ALTER TABLE customer_balances ADD COLUMN IF NOT EXISTS line_count bigint NOT NULL DEFAULT 0;
      CREATE INDEX IF NOT EXISTS journal_lines_fx_by_date ON journal_lines (entry_date)
        WHERE account_code = '6603';
    `)
    this.schema.raw(sqlFile('ledger_monthly'))
    this.schema.raw('SELECT ledger_monthly_rebuild()')
  }

  // The line trigger (ledger_monthly.sql, as it stands) writes the table: rolling back keeps it.
  async down() {}
}
