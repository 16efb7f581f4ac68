import { BaseSchema } from '@adonisjs/lucid/schema'

/** The audit log's hash chains, as of this migration (0005). */
const AUDIT_CHAINS = 16

/**
 * The posting as one database call. `ledger_post` checks the caller's right to the customer and
 * every ledger rule, locks the customer's account, writes the journal, its lines and the balances,
 * and appends the audit rows — so a posting that is its own transaction is one statement, one round
 * trip. Its refusals are SQLSTATE ALR01 with the rule as the message and, as JSON detail, the rule
 * and the facts
 * (answered by app/modules/prepayments/ledger/ledger_refusals.ts).
 *
 * The audit rows' hash moves into the database with it (hash_version 2): sha256 over the previous
 * hash and a JSON array of the row's fields as PostgreSQL prints it. Rows written before keep
 * version 1 (computed in Node over canonical JSON) and are verified as such.
 *
 * The functions run on every posting: each statement in them costs an executor start, so they read
 * what they need in as few statements as they can, and call plain functions in assignments (a
 * PERFORM is a statement of its own).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(AUDIT_SQL)
    this.schema.raw(LEDGER_SQL)
  }

  async down() {
    this.schema.raw(`
      DROP FUNCTION ledger_post, ledger_reserve, ledger_lock_account, ledger_assert_within_limits,
        ledger_assert_new_bank_reference, ledger_rate_for, ledger_refuse, ledger_line_view, audit_append,
        audit_row_hash;
      DROP TYPE ledger_account;
      CREATE OR REPLACE FUNCTION ledger_refuse_closed_period() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE p text := to_char(NEW.entry_date, 'YYYY-MM');
      BEGIN
        PERFORM pg_advisory_xact_lock_shared(hashtext('accounting_period:' || p));
        IF EXISTS (SELECT 1 FROM accounting_periods WHERE period = p AND status = 'closed') THEN
          RAISE EXCEPTION 'accounting period % is closed', p USING ERRCODE = 'ALP01';
        END IF;
        RETURN NEW;
      END $$;
      DROP FUNCTION accounting_period_closed;
      ALTER TABLE audit_logs DROP COLUMN hash_version;
    `)
  }
}

const AUDIT_SQL = `
  ALTER TABLE audit_logs ADD COLUMN hash_version smallint NOT NULL DEFAULT 1 CHECK (hash_version IN (1, 2));
  ALTER TABLE audit_logs ALTER COLUMN hash_version DROP DEFAULT;

  -- Version 2 of a row's hash. The verifier recomputes it in Node from the stored columns (with
  -- PostgreSQL's text of before/after), so this text is the format's definition: keep it stable.
  -- A plain SQL expression: inlined into the statements that call it.
  CREATE FUNCTION audit_row_hash(
    p_prev_hash text, p_chain smallint, p_seq bigint, p_occurred_at timestamptz,
    p_actor_id bigint, p_actor_role text, p_ip text, p_user_agent text, p_request_id text,
    p_entity_type text, p_entity_id text, p_action text, p_before jsonb, p_after jsonb
  ) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT encode(sha256(convert_to(p_prev_hash || jsonb_build_array(
             p_chain, p_seq, to_char(p_occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
             p_actor_id, p_actor_role, p_ip, p_user_agent, p_request_id,
             p_entity_type, p_entity_id, p_action, p_before, p_after)::text, 'UTF8')), 'hex')
  $$;

  -- Appends entries ([{entityType, entityId, action, before, after}]) to one hash chain and returns
  -- the chain. The first append of a transaction takes a chain no other transaction holds (SKIP
  -- LOCKED: writers never queue while one is free) and keeps it, locked, for the transaction's later
  -- appends: rows of one transaction sit on one chain in the order written, and no two transactions
  -- wait on each other's chains. The head's row lock orders each chain by commit.
  CREATE FUNCTION audit_append(
    p_actor_id bigint, p_actor_role text, p_ip text, p_user_agent text, p_request_id text,
    p_entries jsonb
  ) RETURNS smallint LANGUAGE plpgsql AS $$
  DECLARE
    v_chain smallint := nullif(current_setting('audit.chain', true), '')::smallint;
    v_seq bigint;
    v_hash text;
    v_at timestamptz := clock_timestamp();
    v_entry jsonb;
    v_row audit_logs;
    v_rows audit_logs[] := '{}';
    v_setting text;
    v_start int;
  BEGIN
    IF jsonb_array_length(p_entries) = 0 THEN RETURN v_chain; END IF;
    IF v_chain IS NULL THEN
      -- From a random chain on, the first one free; when all are busy, wait for the random one.
      v_start := floor(random() * ${AUDIT_CHAINS});
      FOR v_try IN 0..${AUDIT_CHAINS - 1} LOOP
        SELECT chain, seq, hash INTO v_chain, v_seq, v_hash FROM audit_chain_heads
         WHERE chain = (v_start + v_try) % ${AUDIT_CHAINS} FOR UPDATE SKIP LOCKED;
        EXIT WHEN FOUND;
      END LOOP;
      IF v_chain IS NULL THEN
        SELECT chain, seq, hash INTO v_chain, v_seq, v_hash FROM audit_chain_heads
         WHERE chain = v_start FOR UPDATE;
      END IF;
      v_setting := set_config('audit.chain', v_chain::text, true);
    ELSE
      SELECT seq, hash INTO v_seq, v_hash FROM audit_chain_heads WHERE chain = v_chain FOR UPDATE;
    END IF;
    v_row.chain := v_chain;
    v_row.occurred_at := v_at;
    v_row.actor_id := p_actor_id;
    v_row.actor_role := p_actor_role;
    v_row.ip := p_ip;
    v_row.user_agent := p_user_agent;
    v_row.request_id := p_request_id;
    v_row.hash_version := 2;
    FOR v_entry IN SELECT value FROM jsonb_array_elements(p_entries) LOOP
      v_row.seq := v_seq + 1 + cardinality(v_rows);
      v_row.prev_hash := v_hash;
      v_row.entity_type := v_entry->>'entityType';
      v_row.entity_id := v_entry->>'entityId';
      v_row.action := v_entry->>'action';
      v_row.before := nullif(v_entry->'before', 'null');
      v_row.after := nullif(v_entry->'after', 'null');
      v_hash := audit_row_hash(v_hash, v_chain, v_row.seq, v_at, p_actor_id, p_actor_role, p_ip,
                               p_user_agent, p_request_id, v_row.entity_type, v_row.entity_id,
                               v_row.action, v_row.before, v_row.after);
      v_row.hash := v_hash;
      v_rows := v_rows || v_row;
    END LOOP;
    WITH appended AS (
      INSERT INTO audit_logs (chain, seq, prev_hash, hash, hash_version, occurred_at, actor_id,
                              actor_role, ip, user_agent, request_id, entity_type, entity_id,
                              action, before, after)
      SELECT r.chain, r.seq, r.prev_hash, r.hash, r.hash_version, r.occurred_at, r.actor_id,
             r.actor_role, r.ip, r.user_agent, r.request_id, r.entity_type, r.entity_id, r.action,
             r.before, r.after
        FROM unnest(v_rows) r
    )
    UPDATE audit_chain_heads SET seq = v_seq + cardinality(v_rows), hash = v_hash
     WHERE chain = v_chain;
    RETURN v_chain;
  END $$;
`

const LEDGER_SQL = `
  CREATE FUNCTION ledger_refuse(p_rule text, p_detail jsonb DEFAULT '{}') RETURNS void
  LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION USING ERRCODE = 'ALR01', MESSAGE = p_rule,
                          DETAIL = (jsonb_build_object('rule', p_rule) || p_detail)::text;
  END $$;

  CREATE FUNCTION accounting_period_closed(p_period text) RETURNS boolean
  LANGUAGE plpgsql STABLE AS $$
  BEGIN
    RETURN EXISTS (SELECT 1 FROM accounting_periods WHERE period = p_period AND status = 'closed');
  END $$;

  -- The trigger states the closed-period rule with the same function.
  CREATE OR REPLACE FUNCTION ledger_refuse_closed_period() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE p text := to_char(NEW.entry_date, 'YYYY-MM');
  BEGIN
    PERFORM pg_advisory_xact_lock_shared(hashtext('accounting_period:' || p));
    IF accounting_period_closed(p) THEN
      RAISE EXCEPTION 'accounting period % is closed', p USING ERRCODE = 'ALP01';
    END IF;
    RETURN NEW;
  END $$;

  -- The latest rate on or before the date (base-currency units per unit); 1 for the base currency.
  CREATE FUNCTION ledger_rate_for(p_currency text, p_date date, p_base_currency text)
  RETURNS numeric LANGUAGE plpgsql STABLE AS $$
  DECLARE v_rate numeric;
  BEGIN
    IF p_currency = p_base_currency THEN RETURN 1; END IF;
    SELECT rate INTO v_rate FROM exchange_rates
     WHERE currency = p_currency AND rate_date <= p_date ORDER BY rate_date DESC LIMIT 1;
    IF NOT FOUND THEN
      PERFORM ledger_refuse('exchange_rate_missing',
                            jsonb_build_object('currency', p_currency, 'date', p_date));
    END IF;
    RETURN v_rate;
  END $$;

  -- A customer's account as the limit checks see it, under its row lock.
  CREATE TYPE ledger_account AS (balance numeric, pending numeric, credit_limit numeric);

  -- Reads the customer and checks, in this order: it exists, the caller may act on it (a caller
  -- that sees only its own customers passes p_required_owner), the entry's period is open (the
  -- journal trigger checks it again under the period's lock), the project is the customer's, an
  -- inactive customer takes no receipts. Then locks the customer × currency balance row, created
  -- on the customer's first movement in the currency.
  CREATE FUNCTION ledger_lock_account(
    p_kind text, p_customer_id bigint, p_project_id bigint, p_currency text,
    p_entry_date date, p_required_owner bigint
  ) RETURNS ledger_account LANGUAGE plpgsql AS $$
  DECLARE
    v_customer record;
    v_account ledger_account;
  BEGIN
    SELECT c.status, c.credit_limit, c.default_currency, c.sales_owner_id,
           p_project_id IS NULL OR EXISTS (SELECT 1 FROM projects p
                                            WHERE p.id = p_project_id AND p.customer_id = c.id)
             AS project_ok,
           p_entry_date IS NOT NULL AND accounting_period_closed(to_char(p_entry_date, 'YYYY-MM'))
             AS period_closed
      INTO v_customer FROM customers c WHERE c.id = p_customer_id;
    IF NOT FOUND THEN PERFORM ledger_refuse('customer_missing'); END IF;
    IF p_required_owner IS NOT NULL AND v_customer.sales_owner_id IS DISTINCT FROM p_required_owner THEN
      PERFORM ledger_refuse('customer_forbidden');
    END IF;
    IF v_customer.period_closed THEN
      PERFORM ledger_refuse('period_closed',
                            jsonb_build_object('period', to_char(p_entry_date, 'YYYY-MM')));
    END IF;
    IF NOT v_customer.project_ok THEN PERFORM ledger_refuse('project_not_of_customer'); END IF;
    IF v_customer.status <> 'active' AND p_kind = 'receipt' THEN
      PERFORM ledger_refuse('customer_inactive');
    END IF;
    SELECT balance, pending INTO v_account.balance, v_account.pending FROM customer_balances
     WHERE customer_id = p_customer_id AND currency = p_currency FOR UPDATE;
    IF NOT FOUND THEN
      INSERT INTO customer_balances (customer_id, currency) VALUES (p_customer_id, p_currency)
      ON CONFLICT DO NOTHING;
      SELECT balance, pending INTO v_account.balance, v_account.pending FROM customer_balances
       WHERE customer_id = p_customer_id AND currency = p_currency FOR UPDATE;
    END IF;
    -- The credit limit is set in the customer's default currency; other currencies get none.
    v_account.credit_limit := CASE WHEN v_customer.default_currency = p_currency
                                   THEN v_customer.credit_limit ELSE 0 END;
    RETURN v_account;
  END $$;

  -- After a movement that lowers the balance: balance − pending ≥ −credit limit, or ≥ 0 for one that
  -- may not use credit (a refund). p_released is what the movement's own reservation frees.
  -- Returns what stays available after the movement.
  CREATE FUNCTION ledger_assert_within_limits(
    p_account ledger_account, p_kind text, p_customer_id bigint, p_currency text,
    p_effect numeric, p_released numeric, p_may_use_credit boolean
  ) RETURNS numeric LANGUAGE plpgsql AS $$
  DECLARE
    v_available numeric := p_account.balance - (p_account.pending - p_released)
                           + CASE WHEN p_may_use_credit THEN p_account.credit_limit ELSE 0 END;
  BEGIN
    IF p_effect < 0 AND v_available + p_effect < 0 THEN
      PERFORM ledger_refuse('insufficient_balance', jsonb_build_object(
        'available', v_available::text, 'currency', p_currency, 'customerId', p_customer_id,
        'kind', p_kind, 'amount', abs(p_effect)::text));
    END IF;
    RETURN v_available + p_effect;
  END $$;

  -- The same bank reference on a live receipt is a duplicate registration; the advisory lock makes
  -- the check safe against two clerks registering it at the same moment.
  CREATE FUNCTION ledger_assert_new_bank_reference(p_channel text, p_reference text)
  RETURNS void LANGUAGE plpgsql AS $$
  DECLARE v_journal_no text;
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('bank_reference:' || p_channel || ':' || p_reference));
    SELECT j.journal_no INTO v_journal_no FROM journals j
     WHERE j.kind = 'receipt' AND j.channel = p_channel AND j.bank_reference = p_reference
       AND NOT EXISTS (SELECT 1 FROM journals r WHERE r.reverses_journal_id = j.id)
     LIMIT 1;
    IF FOUND THEN
      PERFORM ledger_refuse('duplicate_receipt',
                            jsonb_build_object('journalNo', v_journal_no, 'reference', p_reference));
    END IF;
  END $$;

  -- Holds p_amount as pending (可用余额 drops at once) under the same lock and limits as a posting.
  CREATE FUNCTION ledger_reserve(
    p_kind text, p_customer_id bigint, p_project_id bigint, p_currency text, p_amount numeric,
    p_may_use_credit boolean, p_required_owner bigint
  ) RETURNS void LANGUAGE plpgsql AS $$
  DECLARE
    v_account ledger_account := ledger_lock_account(p_kind, p_customer_id, p_project_id,
                                                    p_currency, NULL, p_required_owner);
    v_available numeric := ledger_assert_within_limits(v_account, p_kind, p_customer_id, p_currency,
                                                       -p_amount, 0, p_may_use_credit);
  BEGIN
    UPDATE customer_balances SET pending = pending + p_amount, updated_at = now()
     WHERE customer_id = p_customer_id AND currency = p_currency;
  END $$;

  -- One line of a journal's view, on the debit side when p_debit (inlined where it is called).
  CREATE FUNCTION ledger_line_view(
    p_line_no int, p_account text, p_debit boolean, p_amount numeric, p_base numeric,
    p_minor_units int, p_base_minor_units int
  ) RETURNS json LANGUAGE sql STABLE AS $$
    SELECT json_build_object(
      'lineNo', p_line_no, 'accountCode', p_account,
      'debit', round(CASE WHEN p_debit THEN p_amount ELSE 0 END, p_minor_units)::text,
      'credit', round(CASE WHEN p_debit THEN 0 ELSE p_amount END, p_minor_units)::text,
      'baseDebit', round(CASE WHEN p_debit THEN abs(p_base) ELSE 0 END, p_base_minor_units)::text,
      'baseCredit', round(CASE WHEN p_debit THEN 0 ELSE abs(p_base) END, p_base_minor_units)::text)
  $$;

  -- Posts one movement: the one place where balances change. Two lines, Customer Advances
  -- (p_advances_account, with the customer) and the counter account: Customer Advances is credited
  -- when the balance grows and debited when it shrinks. Writes the audit rows p_audit_entries
  -- recorded earlier in the transaction, then the journal's. Returns the journal's view (amounts as
  -- strings in their currency's decimals: p_minor_units, p_base_minor_units).
  CREATE FUNCTION ledger_post(
    p_kind text, p_customer_id bigint, p_project_id bigint, p_currency text, p_effect numeric,
    p_advances_account text, p_counter_account text, p_entry_date date,
    p_channel text, p_bank_reference text, p_document_type text, p_document_no text,
    p_reason text, p_memo text, p_reverses_journal_id bigint, p_approval_id bigint,
    p_exchange_rate numeric, p_released numeric, p_may_use_credit boolean,
    p_base_currency text, p_minor_units int, p_base_minor_units int, p_required_owner bigint,
    p_actor_id bigint, p_actor_role text, p_ip text, p_user_agent text, p_request_id text,
    p_audit_entries jsonb
  ) RETURNS json LANGUAGE plpgsql AS $$
  DECLARE
    v_account ledger_account := ledger_lock_account(p_kind, p_customer_id, p_project_id,
                                                    p_currency, p_entry_date, p_required_owner);
    v_grows boolean := p_effect > 0;
    v_amount numeric := abs(p_effect);
    v_rate numeric;
    v_base numeric;
    v_available numeric;
    v_journal record;
    v_view json;
    v_chain smallint;
  BEGIN
    IF p_kind = 'receipt' AND p_bank_reference IS NOT NULL THEN
      PERFORM ledger_assert_new_bank_reference(p_channel, p_bank_reference);
    END IF;
    v_rate := coalesce(p_exchange_rate, ledger_rate_for(p_currency, p_entry_date, p_base_currency));
    v_available := ledger_assert_within_limits(v_account, p_kind, p_customer_id, p_currency,
                                               p_effect, p_released, p_may_use_credit);
    -- Into the base currency at the rate, rounded half-up (numeric round) once, here.
    v_base := round(p_effect * v_rate, p_base_minor_units);

    WITH journal AS (
      INSERT INTO journals (journal_no, kind, customer_id, project_id, currency, amount,
                            exchange_rate, base_amount, entry_date, channel, bank_reference,
                            document_type, document_no, reason, memo, reverses_journal_id,
                            approval_id, created_by)
      VALUES ('JV' || lpad(nextval('journal_no_seq')::text, 8, '0'), p_kind, p_customer_id,
              p_project_id, p_currency, p_effect, v_rate, v_base, p_entry_date, p_channel,
              p_bank_reference, p_document_type, p_document_no, p_reason, p_memo,
              p_reverses_journal_id, p_approval_id, p_actor_id)
      RETURNING id, journal_no, exchange_rate, created_at
    ), lines AS (
      INSERT INTO journal_lines (journal_id, currency, entry_date, line_no, account_code,
                                 customer_id, project_id, debit, credit, base_debit, base_credit)
      SELECT journal.id, p_currency, p_entry_date, line.*
        FROM journal, (VALUES
          (1, p_counter_account, NULL::bigint, NULL::bigint,
           CASE WHEN v_grows THEN v_amount ELSE 0 END, CASE WHEN v_grows THEN 0 ELSE v_amount END,
           CASE WHEN v_grows THEN abs(v_base) ELSE 0 END, CASE WHEN v_grows THEN 0 ELSE abs(v_base) END),
          (2, p_advances_account, p_customer_id, p_project_id,
           CASE WHEN v_grows THEN 0 ELSE v_amount END, CASE WHEN v_grows THEN v_amount ELSE 0 END,
           CASE WHEN v_grows THEN 0 ELSE abs(v_base) END, CASE WHEN v_grows THEN abs(v_base) ELSE 0 END)
        ) AS line (line_no, account_code, customer_id, project_id, debit, credit, base_debit, base_credit)
    ), balance AS (
      UPDATE customer_balances
         SET balance = balance + p_effect, pending = pending - p_released,
             last_journal_id = (SELECT id FROM journal), updated_at = now()
       WHERE customer_id = p_customer_id AND currency = p_currency
      RETURNING balance, pending
    ), project_balance AS (
      INSERT INTO project_balances (project_id, currency, customer_id, balance)
      SELECT p_project_id, p_currency, p_customer_id, p_effect WHERE p_project_id IS NOT NULL
      ON CONFLICT (project_id, currency) DO UPDATE
        SET balance = project_balances.balance + EXCLUDED.balance, updated_at = now()
    )
    SELECT journal.id, journal.journal_no, journal.exchange_rate, journal.created_at,
           balance.balance, balance.pending
      INTO v_journal FROM journal, balance;

    v_view := json_build_object(
      'id', v_journal.id, 'journalNo', v_journal.journal_no, 'kind', p_kind,
      'customerId', p_customer_id, 'projectId', p_project_id, 'currency', p_currency,
      'amount', round(v_amount, p_minor_units)::text,
      'balanceEffect', round(p_effect, p_minor_units)::text,
      'exchangeRate', v_journal.exchange_rate::text,
      'baseAmount', round(v_base, p_base_minor_units)::text,
      'entryDate', to_char(p_entry_date, 'YYYY-MM-DD'),
      'channel', p_channel, 'bankReference', p_bank_reference, 'documentType', p_document_type,
      'documentNo', p_document_no, 'reason', p_reason, 'memo', p_memo,
      'reversesJournalId', p_reverses_journal_id, 'approvalId', p_approval_id,
      'createdBy', p_actor_id,
      'createdAt', to_char(v_journal.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'lines', json_build_array(
        ledger_line_view(1, p_counter_account, v_grows, v_amount, v_base, p_minor_units, p_base_minor_units),
        ledger_line_view(2, p_advances_account, NOT v_grows, v_amount, v_base, p_minor_units, p_base_minor_units)),
      'balanceAfter', json_build_object(
        'currency', p_currency,
        'balance', round(v_journal.balance, p_minor_units)::text,
        'pending', round(v_journal.pending, p_minor_units)::text,
        'available', round(v_journal.balance - v_journal.pending, p_minor_units)::text));
    v_chain := audit_append(p_actor_id, p_actor_role, p_ip, p_user_agent, p_request_id,
                            p_audit_entries || jsonb_build_array(jsonb_build_object(
                              'entityType', 'journal', 'entityId', v_journal.id::text,
                              'action', 'post_' || p_kind, 'after', v_view::jsonb)));
    RETURN v_view;
  END $$;
`
