-- Documents (发票 / 订单 / 送货单) and what is applied to them (issue 19). An application journal
-- whose customer has a document of that number is linked to it here, by the journal's own insert,
-- whatever path posted it (API, approval, import, demo); the document's open amount falls under
-- its row lock and never below zero. A partial un-apply (反核销) is a journal of kind
-- 'unapplication' plus its row in application_reversals, checked against what is still applied.
-- Refusals are ledger_refuse's (SQLSTATE ALR01), answered by document_refusals.ts.
-- The current definition, loaded by migration 0230 (database/sql/README.md).

-- An application's link to its document: the document locked, its currency, kind, project and
-- state checked, the open amount lowered only while it covers the amount. The UPDATE's row lock
-- queues concurrent applications of one document; each re-reads the open amount after the other.
CREATE OR REPLACE FUNCTION document_link_application(p_journal journals) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_doc documents;
  v_amount numeric := -p_journal.amount;
BEGIN
  SELECT * INTO v_doc FROM documents
   WHERE customer_id = p_journal.customer_id AND number = p_journal.document_no FOR UPDATE;
  IF NOT FOUND THEN RETURN; END IF; -- a free-text number (before documents were records)
  IF v_doc.kind <> p_journal.document_type THEN
    PERFORM ledger_refuse('document_kind_mismatch', jsonb_build_object(
      'documentNo', v_doc.number, 'kind', v_doc.kind));
  END IF;
  IF v_doc.status <> 'open' THEN
    PERFORM ledger_refuse('document_cancelled', jsonb_build_object('documentNo', v_doc.number));
  END IF;
  IF v_doc.currency <> p_journal.currency THEN
    PERFORM ledger_refuse('document_currency_mismatch', jsonb_build_object(
      'documentNo', v_doc.number, 'currency', v_doc.currency));
  END IF;
  IF v_doc.project_id IS NOT NULL AND p_journal.project_id IS DISTINCT FROM v_doc.project_id THEN
    PERFORM ledger_refuse('document_project_mismatch', jsonb_build_object(
      'documentNo', v_doc.number, 'projectId', v_doc.project_id));
  END IF;
  UPDATE documents SET open_amount = open_amount - v_amount, updated_at = now()
   WHERE id = v_doc.id AND open_amount >= v_amount;
  IF NOT FOUND THEN
    PERFORM ledger_refuse('document_overapplied', jsonb_build_object(
      'documentNo', v_doc.number, 'openAmount', v_doc.open_amount::text,
      'amount', v_amount::text, 'currency', v_doc.currency));
  END IF;
  INSERT INTO document_applications (journal_id, document_id, amount)
  VALUES (p_journal.id, v_doc.id, v_amount);
END $$;

-- A 红冲 of a whole application gives its document back what is still applied; one partly
-- un-applied already cannot be reversed whole (that would restore the advance twice).
CREATE OR REPLACE FUNCTION document_reverse_application(p_journal journals) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_original journals;
  v_link document_applications;
BEGIN
  SELECT * INTO v_original FROM journals WHERE id = p_journal.reverses_journal_id;
  IF v_original.kind = 'unapplication' THEN
    PERFORM ledger_refuse('unapplication_not_reversible');
  END IF;
  IF v_original.kind <> 'application' THEN RETURN; END IF;
  IF EXISTS (SELECT 1 FROM application_reversals WHERE application_journal_id = v_original.id) THEN
    PERFORM ledger_refuse('application_partly_unapplied', jsonb_build_object(
      'journalNo', v_original.journal_no));
  END IF;
  SELECT * INTO v_link FROM document_applications WHERE journal_id = v_original.id;
  IF FOUND THEN
    UPDATE documents SET open_amount = open_amount + v_link.amount, updated_at = now()
     WHERE id = v_link.document_id;
  END IF;
END $$;

CREATE OR REPLACE FUNCTION documents_on_journal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind = 'application' THEN
    PERFORM document_link_application(NEW);
  ELSIF NEW.kind = 'reversal' THEN
    PERFORM document_reverse_application(NEW);
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS journals_documents ON journals;
CREATE TRIGGER journals_documents AFTER INSERT ON journals
  FOR EACH ROW WHEN (NEW.kind IN ('application', 'reversal'))
  EXECUTE FUNCTION documents_on_journal();

-- 反核销: the un-apply journal names the application it partly undoes. Under the application's row
-- lock (the lock 红冲 takes too): not reversed, same customer and currency, the amount equal to
-- the journal's and no more than what is still applied; the document's open amount comes back.
CREATE OR REPLACE FUNCTION application_reversal_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_app journals;
  v_journal journals;
  v_applied numeric;
BEGIN
  SELECT * INTO v_app FROM journals WHERE id = NEW.application_journal_id FOR UPDATE;
  SELECT * INTO v_journal FROM journals WHERE id = NEW.journal_id;
  IF v_app.kind IS DISTINCT FROM 'application' THEN
    PERFORM ledger_refuse('not_an_application');
  END IF;
  IF v_journal.kind IS DISTINCT FROM 'unapplication' OR v_journal.customer_id <> v_app.customer_id
     OR v_journal.currency <> v_app.currency OR v_journal.amount <> NEW.amount THEN
    PERFORM ledger_refuse('unapplication_mismatch');
  END IF;
  IF EXISTS (SELECT 1 FROM journals r WHERE r.reverses_journal_id = v_app.id) THEN
    PERFORM ledger_refuse('already_reversed', jsonb_build_object('journalNo', v_app.journal_no));
  END IF;
  SELECT -v_app.amount - coalesce(sum(amount), 0) INTO v_applied
    FROM application_reversals WHERE application_journal_id = v_app.id;
  IF NEW.amount > v_applied THEN
    PERFORM ledger_refuse('unapply_exceeds_applied', jsonb_build_object(
      'journalNo', v_app.journal_no, 'applied', v_applied::text, 'amount', NEW.amount::text,
      'currency', v_app.currency));
  END IF;
  SELECT document_id INTO NEW.document_id FROM document_applications WHERE journal_id = v_app.id;
  IF NEW.document_id IS NOT NULL THEN
    UPDATE documents SET open_amount = open_amount + NEW.amount, updated_at = now()
     WHERE id = NEW.document_id;
  END IF;
  RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS application_reversals_check ON application_reversals;
CREATE TRIGGER application_reversals_check BEFORE INSERT ON application_reversals
  FOR EACH ROW EXECUTE FUNCTION application_reversal_check();

-- At commit: every un-apply journal names the application it undoes (deferred: the row follows
-- the journal in the same transaction).
CREATE OR REPLACE FUNCTION unapplication_linked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM application_reversals WHERE journal_id = NEW.id) THEN
    PERFORM ledger_refuse('unapplication_unlinked', jsonb_build_object('journalNo', NEW.journal_no));
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS journals_unapplication_linked ON journals;
CREATE CONSTRAINT TRIGGER journals_unapplication_linked AFTER INSERT ON journals
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.kind = 'unapplication')
  EXECUTE FUNCTION unapplication_linked();
