import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Bank statements and payment-platform bills (银行流水), their matching to receipts, and receipt
 * confirmation (到账确认).
 *
 *  - bank_lines are what the bank says happened: immutable like journals (their money, dates,
 *    counterparty and source never change; only the work-queue status moves). A line's natural key
 *    (the bank's reference, or date + amount + counterparty + sequence) is unique per account, so a
 *    line imported twice is recognised.
 *  - bank_line_matches link a line to the receipts it proves (one line may be split across
 *    customers; a receipt is proved by one line at most); the insert trigger locks the line and
 *    refuses more than its amount, whatever the application does.
 *  - receipt_confirmations: a receipt entered by sales is unconfirmed until a bank line or a second
 *    person of finance confirms it; customer_balances.unconfirmed is their sum, kept under the
 *    balance row lock by the ledger's own functions (0056).
 *  - Payer names are compared with pg_trgm over bank_name_key(name): the embedded PostgreSQL runs
 *    with LC_CTYPE=C, where pg_trgm sees no word characters in Chinese text (show_trgm('华东机械') is
 *    empty), so each non-ASCII character becomes three ASCII letters first (same result on every
 *    locale).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(SQL)
  }

  async down() {
    this.schema.raw(`
      DROP TRIGGER customers_name_key ON customers;
      DROP TABLE bank_match_suggestions, bank_line_matches, payer_accounts, receipt_confirmations,
        bank_lines, bank_statements, bank_accounts, banking_settings, customer_name_keys CASCADE;
      DROP FUNCTION bank_name_key, bank_refuse_change, bank_line_match_fits, customer_name_key_sync;
      DROP INDEX projects_code_lower, customers_code_lower;
      ALTER TABLE customer_balances DROP COLUMN unconfirmed;
    `)
  }
}

const SQL = `
  CREATE EXTENSION IF NOT EXISTS pg_trgm;

  -- The company's matching and confirmation rules (one row, edited by finance_manager / admin).
  CREATE TABLE banking_settings (
    id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    -- a suggestion at or above this confidence is posted without waiting for finance
    auto_post_confidence numeric(4,3) NOT NULL DEFAULT 0.950
      CHECK (auto_post_confidence > 0 AND auto_post_confidence <= 1),
    -- days either side of a bank line's date in which a registered receipt may be its match
    match_window_days smallint NOT NULL DEFAULT 3 CHECK (match_window_days BETWEEN 0 AND 31),
    -- when on, unconfirmed money cannot be applied (核销) or refunded
    forbid_unconfirmed_use boolean NOT NULL DEFAULT false,
    updated_by bigint REFERENCES users(id),
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  INSERT INTO banking_settings DEFAULT VALUES;

  -- Our own accounts, one per account number and currency (a WeChat Pay or Alipay merchant
  -- account is one too: its channel says which receipts it proves).
  CREATE TABLE bank_accounts (
    id bigserial PRIMARY KEY,
    name varchar(120) NOT NULL,
    bank_name varchar(120),
    account_no varchar(64) NOT NULL,
    currency char(3) NOT NULL REFERENCES currencies(code),
    channel varchar(16) NOT NULL DEFAULT 'bank_transfer'
      CHECK (channel IN ('bank_transfer','wechat','alipay')),
    is_active boolean NOT NULL DEFAULT true,
    created_by bigint REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_no, currency)
  );

  CREATE TABLE bank_statements (
    id bigserial PRIMARY KEY,
    bank_account_id bigint NOT NULL REFERENCES bank_accounts(id),
    file_name varchar(255) NOT NULL,
    file_sha256 char(64) NOT NULL,
    profile varchar(32) NOT NULL,
    line_count int NOT NULL,
    new_line_count int NOT NULL,
    period_from date,
    period_to date,
    imported_by bigint NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (bank_account_id, file_sha256)
  );

  CREATE TABLE bank_lines (
    id bigserial PRIMARY KEY,
    bank_account_id bigint NOT NULL REFERENCES bank_accounts(id),
    statement_id bigint NOT NULL REFERENCES bank_statements(id),
    line_key varchar(240) NOT NULL,
    value_date date NOT NULL,
    booked_at varchar(32),
    direction varchar(6) NOT NULL CHECK (direction IN ('credit','debit')),
    amount numeric(20,4) NOT NULL CHECK (amount > 0),
    currency char(3) NOT NULL REFERENCES currencies(code),
    bank_reference varchar(80),
    counterparty_name varchar(200),
    counterparty_account varchar(64),
    memo text,
    raw jsonb NOT NULL,
    -- the work queue: unmatched → suggested → matched, or ignored (not a prepayment)
    status varchar(10) NOT NULL DEFAULT 'unmatched'
      CHECK (status IN ('unmatched','suggested','matched','ignored')),
    status_note text,
    status_by bigint REFERENCES users(id),
    status_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (bank_account_id, line_key)
  );
  CREATE INDEX bank_lines_queue ON bank_lines (status, value_date, id);
  CREATE INDEX bank_lines_account_date ON bank_lines (bank_account_id, value_date, id);
  CREATE INDEX bank_lines_statement ON bank_lines (statement_id, id);

  CREATE TABLE receipt_confirmations (
    journal_id bigint PRIMARY KEY REFERENCES journals(id),
    customer_id bigint NOT NULL REFERENCES customers(id),
    currency char(3) NOT NULL REFERENCES currencies(code),
    amount numeric(20,4) NOT NULL CHECK (amount > 0),
    status varchar(12) NOT NULL CHECK (status IN ('unconfirmed','confirmed','reversed')),
    method varchar(10) CHECK (method IN ('bank_line','finance')),
    bank_line_id bigint REFERENCES bank_lines(id),
    entered_by bigint NOT NULL REFERENCES users(id),
    confirmed_by bigint REFERENCES users(id),
    confirmed_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'confirmed') = (method IS NOT NULL AND confirmed_by IS NOT NULL)),
    -- 到账确认 is a two-person check: finance never confirms what it entered itself
    CHECK (method IS DISTINCT FROM 'finance' OR confirmed_by <> entered_by)
  );
  CREATE INDEX receipt_confirmations_open ON receipt_confirmations (customer_id, currency)
    WHERE status = 'unconfirmed';

  CREATE TABLE bank_line_matches (
    id bigserial PRIMARY KEY,
    bank_line_id bigint NOT NULL REFERENCES bank_lines(id),
    journal_id bigint NOT NULL UNIQUE REFERENCES journals(id),
    customer_id bigint NOT NULL REFERENCES customers(id),
    amount numeric(20,4) NOT NULL CHECK (amount > 0),
    method varchar(16) NOT NULL
      CHECK (method IN ('reference','amount_date','auto_posted','confirmed','split','manual')),
    reason varchar(16),
    confidence numeric(4,3),
    created_by bigint NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX bank_line_matches_line ON bank_line_matches (bank_line_id);

  -- What finance taught the matcher: this payer account belongs to this customer.
  CREATE TABLE payer_accounts (
    account_no varchar(64) PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers(id),
    learned_from_line_id bigint REFERENCES bank_lines(id),
    learned_by bigint REFERENCES users(id),
    learned_at timestamptz NOT NULL DEFAULT now()
  );

  -- The matcher's proposals for a credit line: a customer (and a registered receipt when one fits),
  -- with the reason and a confidence in [0, 1]. Replaced on each matching run of the line.
  CREATE TABLE bank_match_suggestions (
    id bigserial PRIMARY KEY,
    bank_line_id bigint NOT NULL REFERENCES bank_lines(id),
    customer_id bigint NOT NULL REFERENCES customers(id),
    project_id bigint REFERENCES projects(id),
    journal_id bigint REFERENCES journals(id),
    reason varchar(16) NOT NULL
      CHECK (reason IN ('reference','payer_account','project_code','customer_code','payer_name','amount_date')),
    confidence numeric(4,3) NOT NULL CHECK (confidence > 0 AND confidence <= 1),
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX bank_match_suggestions_line ON bank_match_suggestions (bank_line_id, confidence DESC);

  ALTER TABLE customer_balances ADD COLUMN unconfirmed numeric(20,4) NOT NULL DEFAULT 0
    CHECK (unconfirmed >= 0);

  -- Statements, matches and the lines' facts never change; a line's status may.
  CREATE FUNCTION bank_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    -- nested: plpgsql does not promise to stop at the first false AND (other tables lack the columns)
    IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'bank_lines' THEN
      IF (NEW.id, NEW.bank_account_id, NEW.statement_id, NEW.line_key, NEW.value_date,
            NEW.booked_at, NEW.direction, NEW.amount, NEW.currency, NEW.bank_reference,
            NEW.counterparty_name, NEW.counterparty_account, NEW.memo, NEW.raw, NEW.created_at)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.bank_account_id, OLD.statement_id, OLD.line_key, OLD.value_date,
            OLD.booked_at, OLD.direction, OLD.amount, OLD.currency, OLD.bank_reference,
            OLD.counterparty_name, OLD.counterparty_account, OLD.memo, OLD.raw, OLD.created_at) THEN
        RETURN NEW;
      END IF;
    END IF;
    RAISE EXCEPTION 'bank statement rows are immutable: % on % refused', TG_OP, TG_TABLE_NAME
      USING ERRCODE = 'ALI01';
  END $$;
  CREATE TRIGGER bank_lines_immutable BEFORE UPDATE OR DELETE ON bank_lines
    FOR EACH ROW EXECUTE FUNCTION bank_refuse_change();
  CREATE TRIGGER bank_statements_immutable BEFORE UPDATE OR DELETE ON bank_statements
    FOR EACH ROW EXECUTE FUNCTION bank_refuse_change();
  CREATE TRIGGER bank_line_matches_immutable BEFORE UPDATE OR DELETE ON bank_line_matches
    FOR EACH ROW EXECUTE FUNCTION bank_refuse_change();
  CREATE TRIGGER bank_lines_no_truncate BEFORE TRUNCATE ON bank_lines
    FOR EACH STATEMENT EXECUTE FUNCTION bank_refuse_change();
  CREATE TRIGGER bank_statements_no_truncate BEFORE TRUNCATE ON bank_statements
    FOR EACH STATEMENT EXECUTE FUNCTION bank_refuse_change();
  CREATE TRIGGER bank_line_matches_no_truncate BEFORE TRUNCATE ON bank_line_matches
    FOR EACH STATEMENT EXECUTE FUNCTION bank_refuse_change();

  -- A line is never matched beyond its amount, nor matched when ignored: the line's row lock
  -- queues concurrent matches of one line, so the sum each sees is final.
  CREATE FUNCTION bank_line_match_fits() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE v_line record;
  BEGIN
    SELECT amount, status, direction INTO v_line FROM bank_lines WHERE id = NEW.bank_line_id FOR UPDATE;
    IF v_line.status = 'ignored' OR NEW.amount + coalesce(
         (SELECT sum(amount) FROM bank_line_matches WHERE bank_line_id = NEW.bank_line_id), 0)
       > v_line.amount THEN
      RAISE EXCEPTION 'bank line % would be matched beyond its amount', NEW.bank_line_id
        USING ERRCODE = 'ALK01';
    END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER bank_line_matches_fit BEFORE INSERT ON bank_line_matches
    FOR EACH ROW EXECUTE FUNCTION bank_line_match_fits();

  -- A payer name as pg_trgm can compare it on any locale: company-form words and punctuation
  -- dropped, ASCII letters and digits kept, every other character spelled as three base-36 letters.
  CREATE FUNCTION bank_name_key(p_name text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(string_agg(
             CASE WHEN ch ~ '^[a-z0-9]$' THEN ch
                  ELSE substr(d, (ascii(ch) / 1296) % 36 + 1, 1) || substr(d, (ascii(ch) / 36) % 36 + 1, 1)
                       || substr(d, ascii(ch) % 36 + 1, 1) END, '' ORDER BY n), '')
      FROM regexp_split_to_table(
             regexp_replace(lower(coalesce(p_name, '')),
                            '(股份){0,1}有限(责任){0,1}公司|集团|[[:space:][:punct:]（）【】，。、·：]', '', 'g'),
             '') WITH ORDINALITY AS t(ch, n),
           (VALUES ('0123456789abcdefghijklmnopqrstuvwxyz')) AS a(d)
     WHERE ch <> ''
  $$;

  -- Each customer's name key, kept by a trigger: the matcher compares stored keys through the
  -- trigram index (computing the key per candidate made a batch of similar names take minutes).
  CREATE TABLE customer_name_keys (
    customer_id bigint PRIMARY KEY REFERENCES customers(id),
    name_key text NOT NULL
  );
  -- GiST: nearest names by trigram distance straight from the index (ORDER BY <-> LIMIT)
  CREATE INDEX customer_name_keys_trgm ON customer_name_keys USING gist (name_key gist_trgm_ops);
  CREATE INDEX customer_name_keys_exact ON customer_name_keys (name_key);
  CREATE FUNCTION customer_name_key_sync() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO customer_name_keys (customer_id, name_key) VALUES (NEW.id, bank_name_key(NEW.name))
    ON CONFLICT (customer_id) DO UPDATE SET name_key = EXCLUDED.name_key;
    RETURN NULL;
  END $$;
  CREATE TRIGGER customers_name_key AFTER INSERT OR UPDATE OF name ON customers
    FOR EACH ROW EXECUTE FUNCTION customer_name_key_sync();
  INSERT INTO customer_name_keys (customer_id, name_key) SELECT id, bank_name_key(name) FROM customers;
  CREATE INDEX projects_code_lower ON projects (lower(code));
  CREATE INDEX customers_code_lower ON customers (lower(code));
`
