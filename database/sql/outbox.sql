-- The outbox: a journal's event written by the insert itself.
-- Loaded by database/migrations (see database/sql/README.md): the current definition, once.

CREATE OR REPLACE FUNCTION outbox_journal_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_minor int;
BEGIN
  SELECT minor_units INTO v_minor FROM currencies WHERE code = NEW.currency;
  INSERT INTO outbox_events (type, ordering_key, data)
  VALUES (
    CASE WHEN NEW.reverses_journal_id IS NULL THEN 'journal.posted' ELSE 'journal.reversed' END,
    'customer:' || NEW.customer_id,
    jsonb_build_object(
      'id', NEW.id, 'journalNo', NEW.journal_no, 'kind', NEW.kind,
      'customerId', NEW.customer_id, 'projectId', NEW.project_id, 'currency', NEW.currency,
      'amount', round(abs(NEW.amount), v_minor)::text,
      'balanceEffect', round(NEW.amount, v_minor)::text,
      'exchangeRate', NEW.exchange_rate::text,
      -- base amounts are rounded to the base currency's decimals when posted (at least 2 shown)
      'baseAmount', round(NEW.base_amount, greatest(2, scale(trim_scale(NEW.base_amount))))::text,
      'entryDate', to_char(NEW.entry_date, 'YYYY-MM-DD'),
      'channel', NEW.channel, 'bankReference', NEW.bank_reference,
      'documentType', NEW.document_type, 'documentNo', NEW.document_no,
      'reason', NEW.reason, 'memo', NEW.memo,
      'reversesJournalId', NEW.reverses_journal_id, 'approvalId', NEW.approval_id,
      'createdBy', NEW.created_by,
      'createdAt', to_char(NEW.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')));
  RETURN NULL;
END $$;
CREATE OR REPLACE TRIGGER journals_outbox AFTER INSERT ON journals
  FOR EACH ROW EXECUTE FUNCTION outbox_journal_event();
