-- The ledger's row guards: journals and lines are immutable, balanced at commit, in open periods.
-- The current definition, loaded by the migrations (database/sql/README.md); edit it here and
-- add a migration that reloads it.

CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger rows are immutable: % on % refused (post a reversal instead)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'ALI01';
END $$;
CREATE OR REPLACE TRIGGER journals_immutable BEFORE UPDATE OR DELETE ON journals
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE OR REPLACE TRIGGER journals_no_truncate BEFORE TRUNCATE ON journals
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE OR REPLACE TRIGGER journal_lines_immutable BEFORE UPDATE OR DELETE ON journal_lines
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE OR REPLACE TRIGGER journal_lines_no_truncate BEFORE TRUNCATE ON journal_lines
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- A journal must balance when its transaction commits (deferred, so lines can follow the header).
CREATE OR REPLACE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  jid bigint := (to_jsonb(NEW) ->> CASE WHEN TG_TABLE_NAME = 'journals' THEN 'id' ELSE 'journal_id' END)::bigint;
  n int; d numeric; c numeric; bd numeric; bc numeric;
BEGIN
  SELECT count(*), coalesce(sum(debit),0), coalesce(sum(credit),0),
         coalesce(sum(base_debit),0), coalesce(sum(base_credit),0)
    INTO n, d, c, bd, bc FROM journal_lines WHERE journal_id = jid;
  IF n < 2 OR d <> c OR bd <> bc THEN
    RAISE EXCEPTION 'journal % is not balanced (lines %, debit %, credit %, base % / %)', jid, n, d, c, bd, bc
      USING ERRCODE = 'ALB01';
  END IF;
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS journals_balanced ON journals; -- constraint triggers have no OR REPLACE
CREATE CONSTRAINT TRIGGER journals_balanced AFTER INSERT ON journals
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();
DROP TRIGGER IF EXISTS journal_lines_balanced ON journal_lines;
CREATE CONSTRAINT TRIGGER journal_lines_balanced AFTER INSERT ON journal_lines
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();

-- Closed periods and the books start. The shared advisory lock pairs with the exclusive one taken
-- when a period is closed, so a posting and a close of the same month can never interleave.
-- It states the rules with accounting_period_closed and ledger_books_start (ledger.sql), as
-- ledger_post does; this is the floor for every other writer of journals (imports, revaluation).
CREATE OR REPLACE FUNCTION ledger_refuse_closed_period() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE p text := to_char(NEW.entry_date, 'YYYY-MM');
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtext('accounting_period:' || p));
  IF accounting_period_closed(p) THEN
    RAISE EXCEPTION 'accounting period % is closed', p USING ERRCODE = 'ALP01';
  END IF;
  -- a line carries its journal's date: the journal's row is checked once
  IF TG_TABLE_NAME = 'journals' AND NEW.entry_date < ledger_books_start() THEN
    RAISE EXCEPTION 'entry date % is before the books start %', NEW.entry_date,
      ledger_books_start() USING ERRCODE = 'ALP02';
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER journals_open_period BEFORE INSERT ON journals
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_closed_period();
CREATE OR REPLACE TRIGGER journal_lines_open_period BEFORE INSERT ON journal_lines
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_closed_period();

-- 汇兑损益: a customer's currency balance of zero holds zero in the base currency too (ledger_post
-- relieves it all at zero, the difference on 6603). Checked at commit, once per journal, and only
-- reads the lines when the balance is zero.
CREATE OR REPLACE FUNCTION ledger_check_base_residue() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v_residue numeric;
BEGIN
  IF EXISTS (SELECT 1 FROM customer_balances
              WHERE customer_id = NEW.customer_id AND currency = NEW.currency AND balance = 0) THEN
    SELECT coalesce(sum(base_credit - base_debit), 0) INTO v_residue FROM journal_lines
     WHERE customer_id = NEW.customer_id AND currency = NEW.currency;
    IF v_residue <> 0 THEN
      RAISE EXCEPTION 'customer % holds % 0 but % in the base currency', NEW.customer_id,
        NEW.currency, v_residue USING ERRCODE = 'ALF01';
    END IF;
  END IF;
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS journals_no_base_residue ON journals;
CREATE CONSTRAINT TRIGGER journals_no_base_residue AFTER INSERT ON journals
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_base_residue();
