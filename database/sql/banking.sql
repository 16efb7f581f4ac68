-- Bank statements: immutable rows, matches within a line's amount, payer name keys.
-- The current definition, loaded by the migrations (database/sql/README.md); edit it here and
-- add a migration that reloads it.

-- Statements, matches and the lines' facts never change; a line's status may.
CREATE OR REPLACE FUNCTION bank_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE OR REPLACE TRIGGER bank_lines_immutable BEFORE UPDATE OR DELETE ON bank_lines
  FOR EACH ROW EXECUTE FUNCTION bank_refuse_change();
CREATE OR REPLACE TRIGGER bank_statements_immutable BEFORE UPDATE OR DELETE ON bank_statements
  FOR EACH ROW EXECUTE FUNCTION bank_refuse_change();
CREATE OR REPLACE TRIGGER bank_line_matches_immutable BEFORE UPDATE OR DELETE ON bank_line_matches
  FOR EACH ROW EXECUTE FUNCTION bank_refuse_change();
CREATE OR REPLACE TRIGGER bank_lines_no_truncate BEFORE TRUNCATE ON bank_lines
  FOR EACH STATEMENT EXECUTE FUNCTION bank_refuse_change();
CREATE OR REPLACE TRIGGER bank_statements_no_truncate BEFORE TRUNCATE ON bank_statements
  FOR EACH STATEMENT EXECUTE FUNCTION bank_refuse_change();
CREATE OR REPLACE TRIGGER bank_line_matches_no_truncate BEFORE TRUNCATE ON bank_line_matches
  FOR EACH STATEMENT EXECUTE FUNCTION bank_refuse_change();

-- A line is never matched beyond its amount of LIVE links (a reversed receipt proves nothing), nor
-- matched when ignored: the line's row lock queues concurrent matches of one line. A reversed
-- receipt a line proved sends the line back to the work queue (migration 0070).
CREATE OR REPLACE FUNCTION bank_line_match_fits() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v_line record;
BEGIN
  SELECT amount, status, direction INTO v_line FROM bank_lines WHERE id = NEW.bank_line_id FOR UPDATE;
  IF v_line.status = 'ignored' OR NEW.amount + coalesce((SELECT sum(m.amount) FROM bank_line_matches m
   WHERE m.bank_line_id = NEW.bank_line_id
     AND NOT EXISTS (SELECT 1 FROM journals r WHERE r.reverses_journal_id = m.journal_id)), 0) > v_line.amount THEN
    RAISE EXCEPTION 'bank line % would be matched beyond its amount', NEW.bank_line_id
      USING ERRCODE = 'ALK01';
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION bank_line_reopen_on_reversal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE bank_lines l
     SET status = 'unmatched',
         status_note = '关联收款已红冲 linked journal ' || NEW.reverses_journal_id || ' reversed by ' || NEW.id,
         status_by = NEW.created_by,
         status_at = now()
    FROM bank_line_matches m
   WHERE m.journal_id = NEW.reverses_journal_id AND l.id = m.bank_line_id
     AND l.status IN ('matched', 'suggested');
  RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER journals_reopen_bank_line AFTER INSERT ON journals
  FOR EACH ROW WHEN (NEW.reverses_journal_id IS NOT NULL)
  EXECUTE FUNCTION bank_line_reopen_on_reversal();

-- A payer name as pg_trgm can compare it on any locale: company-form words and punctuation
-- dropped, ASCII letters and digits kept, every other character spelled as three base-36 letters.
CREATE OR REPLACE FUNCTION bank_name_key(p_name text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
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

-- Each customer's name key (customer_name_keys), kept by a trigger.
CREATE OR REPLACE FUNCTION customer_name_key_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO customer_name_keys (customer_id, name_key) VALUES (NEW.id, bank_name_key(NEW.name))
  ON CONFLICT (customer_id) DO UPDATE SET name_key = EXCLUDED.name_key;
  RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER customers_name_key AFTER INSERT OR UPDATE OF name ON customers
  FOR EACH ROW EXECUTE FUNCTION customer_name_key_sync();
