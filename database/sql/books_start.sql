-- 账套启用日期 (company_settings.books_start_date): the rule that reads it is ledger_books_start and
-- its callers (ledger.sql, ledger_guards.sql); this file keeps the setting itself honest.
-- Loaded by 0300 (the table comes with 0270), not by 0100.
-- The books start can move earlier (older history to import) but never past a posted entry.
CREATE OR REPLACE FUNCTION ledger_books_start_before_entries() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE v_first date;
BEGIN
  IF NEW.books_start_date IS NOT NULL
     AND NEW.books_start_date IS DISTINCT FROM OLD.books_start_date THEN
    SELECT min(entry_date) INTO v_first FROM journals;
    IF v_first < NEW.books_start_date THEN
      RAISE EXCEPTION 'the books start % is after the first entry %', NEW.books_start_date,
        v_first USING ERRCODE = 'ALP03', DETAIL = v_first::text;
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER company_settings_books_start BEFORE UPDATE ON company_settings
  FOR EACH ROW EXECUTE FUNCTION ledger_books_start_before_entries();
