import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The double-entry ledger. Invariants stated here are also checked by the posting service; the
 * database is the last line of defence:
 *  - journals and their lines are immutable (corrections are new reversal journals);
 *  - every journal has at least two lines and balances (debits = credits, in currency and in base);
 *  - nothing may be dated inside a closed accounting period.
 * Custom SQLSTATEs let the application map a refusal to the right HTTP error.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE SEQUENCE journal_no_seq;

      CREATE TABLE journals (
        id bigserial PRIMARY KEY,
        journal_no varchar(24) NOT NULL UNIQUE,
        kind varchar(16) NOT NULL CHECK (kind IN ('receipt','application','refund','adjustment','reversal')),
        customer_id bigint NOT NULL REFERENCES customers(id),
        project_id bigint REFERENCES projects(id),
        currency char(3) NOT NULL REFERENCES currencies(code),
        -- signed effect on the customer's advance balance (receipt +, application/refund −, …)
        amount numeric(20,4) NOT NULL CHECK (amount <> 0),
        exchange_rate numeric(20,10) NOT NULL CHECK (exchange_rate > 0),
        base_amount numeric(20,4) NOT NULL,
        entry_date date NOT NULL,
        channel varchar(16) CHECK (channel IN ('bank_transfer','wechat','alipay','cash','cheque','other')),
        bank_reference varchar(80),
        document_type varchar(16) CHECK (document_type IN ('invoice','order','delivery')),
        document_no varchar(80),
        reason text,
        memo text,
        reverses_journal_id bigint UNIQUE REFERENCES journals(id),
        approval_id bigint,
        created_by bigint NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (kind <> 'receipt' OR channel IS NOT NULL),
        CHECK (kind <> 'application' OR (document_type IS NOT NULL AND document_no IS NOT NULL)),
        CHECK (kind NOT IN ('adjustment','reversal') OR reason IS NOT NULL),
        CHECK ((kind = 'reversal') = (reverses_journal_id IS NOT NULL))
      );
      CREATE INDEX journals_customer_date ON journals (customer_id, entry_date, id);
      CREATE INDEX journals_entry_date ON journals (entry_date, id);
      CREATE INDEX journals_bank_reference ON journals (bank_reference) WHERE bank_reference IS NOT NULL;

      CREATE TABLE journal_lines (
        id bigserial PRIMARY KEY,
        journal_id bigint NOT NULL REFERENCES journals(id),
        line_no smallint NOT NULL,
        account_code varchar(8) NOT NULL REFERENCES ledger_accounts(code),
        customer_id bigint REFERENCES customers(id),
        project_id bigint REFERENCES projects(id),
        currency char(3) NOT NULL REFERENCES currencies(code),
        debit numeric(20,4) NOT NULL DEFAULT 0,
        credit numeric(20,4) NOT NULL DEFAULT 0,
        base_debit numeric(20,4) NOT NULL DEFAULT 0,
        base_credit numeric(20,4) NOT NULL DEFAULT 0,
        entry_date date NOT NULL,
        UNIQUE (journal_id, line_no),
        CHECK (debit >= 0 AND credit >= 0 AND (debit = 0) <> (credit = 0)),
        CHECK (base_debit >= 0 AND base_credit >= 0)
      );
      CREATE INDEX journal_lines_customer_account
        ON journal_lines (customer_id, currency, entry_date, id) WHERE customer_id IS NOT NULL;

      CREATE TABLE customer_balances (
        customer_id bigint NOT NULL REFERENCES customers(id),
        currency char(3) NOT NULL REFERENCES currencies(code),
        balance numeric(20,4) NOT NULL DEFAULT 0,
        -- amounts reserved by requests awaiting approval
        pending numeric(20,4) NOT NULL DEFAULT 0 CHECK (pending >= 0),
        last_journal_id bigint,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (customer_id, currency)
      );

      CREATE TABLE project_balances (
        project_id bigint NOT NULL REFERENCES projects(id),
        currency char(3) NOT NULL REFERENCES currencies(code),
        customer_id bigint NOT NULL REFERENCES customers(id),
        balance numeric(20,4) NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, currency)
      );

      CREATE TABLE idempotency_keys (
        user_id bigint NOT NULL REFERENCES users(id),
        key varchar(255) NOT NULL,
        request_hash char(64) NOT NULL,
        status_code smallint,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      );

      CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger rows are immutable: % on % refused (post a reversal instead)', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'ALI01';
      END $$;
      CREATE TRIGGER journals_immutable BEFORE UPDATE OR DELETE ON journals
        FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
      CREATE TRIGGER journals_no_truncate BEFORE TRUNCATE ON journals
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
      CREATE TRIGGER journal_lines_immutable BEFORE UPDATE OR DELETE ON journal_lines
        FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
      CREATE TRIGGER journal_lines_no_truncate BEFORE TRUNCATE ON journal_lines
        FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

      -- A journal must balance when its transaction commits (deferred, so lines can follow the header).
      CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
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
      CREATE CONSTRAINT TRIGGER journals_balanced AFTER INSERT ON journals
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();
      CREATE CONSTRAINT TRIGGER journal_lines_balanced AFTER INSERT ON journal_lines
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();

      -- Closed periods. The shared advisory lock pairs with the exclusive one taken when a period is
      -- closed, so a posting and a close of the same month can never interleave.
      CREATE FUNCTION ledger_refuse_closed_period() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE p text := to_char(NEW.entry_date, 'YYYY-MM');
      BEGIN
        PERFORM pg_advisory_xact_lock_shared(hashtext('accounting_period:' || p));
        IF EXISTS (SELECT 1 FROM accounting_periods WHERE period = p AND status = 'closed') THEN
          RAISE EXCEPTION 'accounting period % is closed', p USING ERRCODE = 'ALP01';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER journals_open_period BEFORE INSERT ON journals
        FOR EACH ROW EXECUTE FUNCTION ledger_refuse_closed_period();
      CREATE TRIGGER journal_lines_open_period BEFORE INSERT ON journal_lines
        FOR EACH ROW EXECUTE FUNCTION ledger_refuse_closed_period();
    `)
  }

  async down() {
    this.schema.raw(`
      DROP TABLE idempotency_keys, project_balances, customer_balances, journal_lines, journals CASCADE;
      DROP SEQUENCE journal_no_seq;
      DROP FUNCTION ledger_refuse_change, ledger_check_balanced, ledger_refuse_closed_period;
    `)
  }
}
