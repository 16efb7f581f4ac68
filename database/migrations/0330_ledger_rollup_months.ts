import { BaseSchema } from '@adonisjs/lucid/schema'
import { sqlFile } from '#database/sql_files'

/**
 * Reports at scale (issue 20): the monthly closing balances rolled up (ledger_rollup_months) per
 * customer × currency × project (every channel together) and per customer × currency (every
 * project too: project_id -1), kept by the same line trigger as the per-key table. The balances
 * report by customer, owner, period and project and the executive pack read fewer keys and rows. The realised exchange
 * differences of a period (汇兑损益, account 6603, written out: migrations never import the
 * application's constants) are found by date, not by a scan of every line. Each balance row counts
 * its lines (`line_count`): the ledger position a cached report file is checked against.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE IF NOT EXISTS ledger_rollup_months (
        customer_id bigint NOT NULL REFERENCES customers(id),
        currency char(3) NOT NULL,
        project_id bigint NOT NULL, -- -1: every project (the customer level); 0: no project
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
        PRIMARY KEY (customer_id, currency, project_id, month)
      );
      -- a period's months of one level (the reports name the level in their condition)
      CREATE INDEX IF NOT EXISTS ledger_rollup_months_customers ON ledger_rollup_months (month)
        WHERE project_id = -1;
      CREATE INDEX IF NOT EXISTS ledger_rollup_months_projects ON ledger_rollup_months (month)
        WHERE project_id >= 0;
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
