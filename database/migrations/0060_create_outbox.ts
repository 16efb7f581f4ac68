import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The transactional outbox: every event other systems (webhooks) and later reactions (the alert
 * checks after a posting) need is a row written in the same transaction as the change it describes,
 * so a process dying after the commit loses nothing; the dispatcher works the rows afterwards.
 *
 * Postings may be one statement of their own (ledger_post, no BEGIN/COMMIT), so their events come
 * from a trigger on journals rather than from the application: a journal with a reversed journal is
 * `journal.reversed`, any other `journal.posted`. The trigger reads one currency row (for the amount
 * decimals) and inserts one row; its data has the journal fields of the posting's view (no lines,
 * no balances: those are the ledger's, read them through the API).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE outbox_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        type varchar(40) NOT NULL,
        -- per-customer ordering of deliveries (null: the event orders with nothing)
        ordering_key varchar(40),
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        last_error text
      );
      -- the one index the posting path maintains besides the keys: what waits for dispatch
      CREATE INDEX outbox_events_undispatched ON outbox_events (seq) WHERE dispatched_at IS NULL;

      CREATE FUNCTION outbox_journal_event() RETURNS trigger LANGUAGE plpgsql AS $$
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
      CREATE TRIGGER journals_outbox AFTER INSERT ON journals
        FOR EACH ROW EXECUTE FUNCTION outbox_journal_event();
    `)
  }

  async down() {
    this.schema.raw(`
      DROP TRIGGER IF EXISTS journals_outbox ON journals;
      DROP FUNCTION IF EXISTS outbox_journal_event();
      DROP TABLE IF EXISTS outbox_events;
    `)
  }
}
