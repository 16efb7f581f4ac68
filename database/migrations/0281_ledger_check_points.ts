import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Incremental `ledger:check` (issue 20 goal 5): a check that passes records where it stopped (the
 * last journal line it counted, every line up to it committed) and the running totals there per
 * customer × currency and project × currency. The next check adds what was written since and
 * compares the balances, so a daily check costs what was written that day; `--full` re-reads all.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE ledger_check_points (
        id bigserial PRIMARY KEY,
        line_id bigint NOT NULL,
        mode varchar(12) NOT NULL CHECK (mode IN ('full', 'incremental')),
        checked_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE ledger_check_totals (
        point_id bigint NOT NULL REFERENCES ledger_check_points(id) ON DELETE CASCADE,
        scope varchar(8) NOT NULL CHECK (scope IN ('customer', 'project')),
        key_id bigint NOT NULL,
        currency char(3) NOT NULL,
        total numeric(24,4) NOT NULL,
        base_total numeric(24,4) NOT NULL,
        PRIMARY KEY (point_id, scope, key_id, currency)
      );
    `)
  }

  async down() {
    this.schema.raw('DROP TABLE ledger_check_totals; DROP TABLE ledger_check_points')
  }
}
