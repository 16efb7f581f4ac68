import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Imports (数据导入): jobs, the row keys that make a re-import post nothing, the column mappings
 * each user chose, and the ledger's `opening` journals (期初余额) with their counter account.
 *
 * CHECK lists on journals.kind, ledger_accounts.type and approval_rules.action_type are widened by
 * rewriting whatever list is there (not by restating it), so another migration widening the same
 * list before or after this one keeps its values.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE FUNCTION pg_temp.widen_check(p_table regclass, p_column text, p_value text)
      RETURNS void LANGUAGE plpgsql AS $$
      DECLARE v_name text; v_def text;
      BEGIN
        SELECT conname, pg_get_constraintdef(oid) INTO v_name, v_def FROM pg_constraint
         WHERE conrelid = p_table AND contype = 'c' AND pg_get_constraintdef(oid) ~ ('\\(\\({0,1}' || p_column || '\\){0,1}(::text){0,1} = ANY')
         LIMIT 1;
        IF v_name IS NULL THEN RAISE EXCEPTION 'no CHECK list on %.%', p_table, p_column; END IF;
        IF position(quote_literal(p_value) IN v_def) > 0 THEN RETURN; END IF;
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', p_table, v_name);
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', p_table, v_name,
                       regexp_replace(v_def, 'ARRAY\\[', 'ARRAY[' || quote_literal(p_value) || ', '));
      END $$;
      SELECT pg_temp.widen_check('journals', 'kind', 'opening');
      SELECT pg_temp.widen_check('ledger_accounts', 'type', 'equity');
      SELECT pg_temp.widen_check('approval_rules', 'action_type', 'opening_import');

      -- The default counter account of opening balances (OPENING_BALANCE_ACCOUNT may name another).
      INSERT INTO ledger_accounts (code, name_zh, name_en, type)
      VALUES ('4190', '期初余额调整', 'Opening balance equity', 'equity') ON CONFLICT DO NOTHING;

      -- Opening balances go to a finance manager before they post.
      INSERT INTO approval_rules (name, action_type, levels)
      VALUES ('期初余额导入审批', 'opening_import', '[{"role":"finance_manager"}]');

      -- "Once per scope": the live opening journal of a customer × currency × project is found here.
      CREATE INDEX journals_opening_scope ON journals (customer_id, currency, project_id)
        WHERE kind = 'opening';

      CREATE TABLE import_jobs (
        id bigserial PRIMARY KEY,
        kind varchar(16) NOT NULL
          CHECK (kind IN ('customers','projects','installments','opening','receipts')),
        status varchar(20) NOT NULL
          CHECK (status IN ('rejected','validated','awaiting_approval','committed','failed','cancelled')),
        file_name varchar(255) NOT NULL,
        file_sha256 char(64) NOT NULL,
        file_path text NOT NULL,
        options jsonb NOT NULL DEFAULT '{}',
        header jsonb,
        total_rows integer NOT NULL DEFAULT 0,
        valid_rows integer NOT NULL DEFAULT 0,
        error_rows integer NOT NULL DEFAULT 0,
        posted_rows integer NOT NULL DEFAULT 0,
        skipped_rows integer NOT NULL DEFAULT 0,
        -- the first errors found (row, column, rule, message, messageEn); error_rows counts them all
        errors jsonb NOT NULL DEFAULT '[]',
        result jsonb,
        approval_rule_id bigint REFERENCES approval_rules(id),
        created_by bigint NOT NULL REFERENCES users(id),
        decided_by bigint REFERENCES users(id),
        committed_by bigint REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        committed_at timestamptz
      );
      CREATE INDEX import_jobs_created ON import_jobs (created_at DESC, id DESC);
      -- A file commits once per kind: the same bytes uploaded again find the committed job.
      CREATE UNIQUE INDEX import_jobs_committed_file ON import_jobs (kind, file_sha256)
        WHERE status = 'committed';

      -- Row keys already imported (a receipt's external reference, a customer's code…): a later
      -- import skips them, so the same row never posts twice, whichever file carries it.
      CREATE TABLE import_row_keys (
        kind varchar(16) NOT NULL,
        row_key varchar(200) NOT NULL,
        job_id bigint NOT NULL REFERENCES import_jobs(id),
        entity_id bigint,
        PRIMARY KEY (kind, row_key)
      );

      -- The mapping a user chose for headers the templates do not know, per kind.
      CREATE TABLE import_column_mappings (
        user_id bigint NOT NULL REFERENCES users(id),
        kind varchar(16) NOT NULL,
        mapping jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, kind)
      );
    `)
  }

  async down() {
    this.schema.raw(`
      DROP TABLE import_column_mappings, import_row_keys, import_jobs;
      DROP INDEX journals_opening_scope;
      DELETE FROM approval_rules WHERE action_type = 'opening_import';
    `)
  }
}
