import { BaseSchema } from '@adonisjs/lucid/schema'
import { sqlFile } from '#database/sql_files'

/**
 * Month-end revaluation (期末汇兑重估, issue 19): a run per period (unique: a second run answers the
 * first), its entries per customer × currency, and the journals it posts: kind `revaluation`, with
 * no amount in the currency (base-only lines on Customer Advances and 6603), reversed by a 红冲 of
 * amount 0 on the next period's first day. The functions are database/sql/fx_revaluation.sql.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      -- widen the kind list as it stands (0050 added 'opening'; others may add theirs)
      DO $$
      DECLARE v_name text; v_def text;
      BEGIN
        SELECT conname, pg_get_constraintdef(oid) INTO v_name, v_def FROM pg_constraint
         WHERE conrelid = 'journals'::regclass AND contype = 'c'
           AND pg_get_constraintdef(oid) ~ '\\(\\({0,1}kind\\){0,1}(::text){0,1} = ANY'
         LIMIT 1;
        IF v_name IS NULL THEN RAISE EXCEPTION 'no CHECK list on journals.kind'; END IF;
        IF position('''revaluation''' IN v_def) = 0 THEN
          EXECUTE format('ALTER TABLE journals DROP CONSTRAINT %I', v_name);
          EXECUTE format('ALTER TABLE journals ADD CONSTRAINT %I %s', v_name,
                         regexp_replace(v_def, 'ARRAY\\[', 'ARRAY[''revaluation''::character varying, '));
        END IF;
      END $$;
      ALTER TABLE journals DROP CONSTRAINT IF EXISTS journals_amount_check;
      -- only a revaluation and its 红冲 move no money in the currency (no IN list: a later
      -- widening of the kind list looks for the one "kind = ANY" check)
      ALTER TABLE journals ADD CONSTRAINT journals_amount_check
        CHECK (amount <> 0 OR kind = 'revaluation' OR kind = 'reversal');
      INSERT INTO movement_kinds (kind, name_zh, name_en, may_use_credit, may_use_unconfirmed)
        VALUES ('revaluation', '期末汇兑重估', 'FX revaluation', false, true)
        ON CONFLICT (kind) DO NOTHING;

      CREATE TABLE fx_revaluation_runs (
        id bigserial PRIMARY KEY,
        period char(7) NOT NULL UNIQUE,
        rate_date date NOT NULL,
        created_by bigint NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE fx_revaluation_entries (
        id bigserial PRIMARY KEY,
        run_id bigint NOT NULL REFERENCES fx_revaluation_runs(id),
        customer_id bigint NOT NULL REFERENCES customers(id),
        currency char(3) NOT NULL REFERENCES currencies(code),
        balance numeric(20,4) NOT NULL,
        held_base numeric(20,4) NOT NULL,
        rate numeric(20,10) NOT NULL,
        revalued_base numeric(20,4) NOT NULL,
        -- revalued − held: a credit to Customer Advances (a loss) when positive
        difference numeric(20,4) NOT NULL,
        journal_id bigint NOT NULL UNIQUE REFERENCES journals(id),
        reversal_journal_id bigint NOT NULL UNIQUE REFERENCES journals(id),
        UNIQUE (run_id, customer_id, currency)
      );
    `)
    this.schema.raw(sqlFile('fx_revaluation'))
  }

  async down() {
    throw new Error('0241 is not reversible: revaluation journals are immutable')
  }
}
