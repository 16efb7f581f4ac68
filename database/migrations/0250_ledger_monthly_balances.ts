import { BaseSchema } from '@adonisjs/lucid/schema'
import { sqlFile } from '#database/sql_files'

/**
 * The ledger's read path at scale (issue 20):
 *  - ledger_monthly_balances: per customer × currency × project × channel × month, the month's
 *    movements by category and the closing balance (in the currency and in base), kept by a
 *    statement trigger on journal_lines (ledger_monthly.sql) and backfilled here;
 *  - the customer ledger index covers the ledger's reads (running balances by index-only scans);
 *  - the audit list's filters get (column, id) indexes for its newest-first pages.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE ledger_monthly_balances (
        customer_id bigint NOT NULL REFERENCES customers(id),
        currency char(3) NOT NULL,
        project_id bigint NOT NULL DEFAULT 0,   -- 0: lines without a project
        channel varchar(16) NOT NULL DEFAULT '', -- the journal's channel ('' none)
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        received numeric(20,4) NOT NULL DEFAULT 0,
        applied numeric(20,4) NOT NULL DEFAULT 0,
        refunded numeric(20,4) NOT NULL DEFAULT 0,
        adjusted numeric(20,4) NOT NULL DEFAULT 0,
        net numeric(20,4) NOT NULL DEFAULT 0, -- every kind's (an opening import's too)
        received_base numeric(20,4) NOT NULL DEFAULT 0,
        applied_base numeric(20,4) NOT NULL DEFAULT 0,
        -- since 0320 (which adds them to a database made before it; the file loaded below needs them)
        refunded_base numeric(20,4) NOT NULL DEFAULT 0,
        adjusted_base numeric(20,4) NOT NULL DEFAULT 0,
        net_base numeric(20,4) NOT NULL DEFAULT 0,
        lines integer NOT NULL DEFAULT 0,
        closing numeric(20,4) NOT NULL DEFAULT 0,
        closing_base numeric(20,4) NOT NULL DEFAULT 0,
        PRIMARY KEY (customer_id, currency, project_id, channel, month)
      );
      CREATE INDEX ledger_monthly_balances_month ON ledger_monthly_balances (month);
      -- since 0330 (which makes it in a database made before it; the file loaded below needs it)
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
      -- every key once (a report probes each key's latest month before its period)
      CREATE TABLE ledger_monthly_keys (
        customer_id bigint NOT NULL REFERENCES customers(id),
        currency char(3) NOT NULL,
        project_id bigint NOT NULL,
        channel varchar(16) NOT NULL,
        PRIMARY KEY (customer_id, currency, project_id, channel)
      );

      DROP INDEX IF EXISTS journal_lines_customer_account;
      CREATE INDEX journal_lines_customer_account
        ON journal_lines (customer_id, currency, entry_date, id)
        INCLUDE (debit, credit, journal_id, project_id) WHERE customer_id IS NOT NULL;

      CREATE INDEX IF NOT EXISTS audit_logs_entity_type_id ON audit_logs (entity_type, id);
      CREATE INDEX IF NOT EXISTS audit_logs_actor_role_id ON audit_logs (actor_role, id);
    `)
    this.schema.raw(sqlFile('ledger_monthly'))
    this.schema.raw('SELECT ledger_monthly_rebuild()')
  }

  async down() {
    this.schema.raw(`
      DROP TRIGGER IF EXISTS journal_lines_monthly ON journal_lines;
      DROP FUNCTION IF EXISTS ledger_monthly_apply, ledger_monthly_rebuild,
        ledger_monthly_recomputed, ledger_rollup_add, ledger_rollup_summed,
        ledger_line_category;
      DROP TABLE IF EXISTS ledger_monthly_balances, ledger_monthly_keys, ledger_rollup_months;
      DROP INDEX IF EXISTS audit_logs_entity_type_id, audit_logs_actor_role_id;
    `)
  }
}
