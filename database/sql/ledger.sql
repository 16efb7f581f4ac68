-- The posting path: ledger_post, ledger_reserve and the checks they share. Refusals are SQLSTATE
-- ALR01 with the rule as message and {rule, facts} as JSON detail
-- (app/modules/prepayments/ledger/ledger_refusals.ts).
-- The current definition, loaded by the migrations (database/sql/README.md); edit it here and
-- add a migration that reloads it.

CREATE OR REPLACE FUNCTION ledger_refuse(p_rule text, p_detail jsonb DEFAULT '{}') RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'ALR01', MESSAGE = p_rule,
                        DETAIL = (jsonb_build_object('rule', p_rule) || p_detail)::text;
END $$;

CREATE OR REPLACE FUNCTION accounting_period_closed(p_period text) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM accounting_periods WHERE period = p_period AND status = 'closed');
END $$;

-- 账套启用日期: the first day the books hold (company_settings.books_start_date, set in the panel;
-- none: no floor). An entry dated before it is refused like one in a closed period: a typo such as
-- 1900-01-01 never reaches the ledger. PL/pgSQL: 0100 loads this file before the column exists.
CREATE OR REPLACE FUNCTION ledger_books_start() RETURNS date LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT books_start_date FROM company_settings WHERE id = 1);
END $$;

-- The open-period rules for a check ahead of any posting (a request for approval refuses at once
-- what could never post): the refusals ledger_post gives for the same date.
CREATE OR REPLACE FUNCTION ledger_assert_period_open(p_entry_date date) RETURNS void
LANGUAGE plpgsql STABLE AS $$
DECLARE v_start date := ledger_books_start();
BEGIN
  IF p_entry_date < v_start THEN
    PERFORM ledger_refuse('before_books_start', jsonb_build_object('booksStart', v_start::text));
  END IF;
  IF accounting_period_closed(to_char(p_entry_date, 'YYYY-MM')) THEN
    PERFORM ledger_refuse('period_closed',
                          jsonb_build_object('period', to_char(p_entry_date, 'YYYY-MM')));
  END IF;
END $$;

-- The credit limit a customer has in a currency: its row in customer_currency_limits (the default
-- currency's row mirrors the customer's own fields, migration 0240); none without a row. Called by
-- the posting path and the balances API. PL/pgSQL: migrations older than the table load this file.
CREATE OR REPLACE FUNCTION ledger_credit_limit(p_customer_id bigint, p_currency text)
RETURNS numeric LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN coalesce((SELECT credit_limit FROM customer_currency_limits
                    WHERE customer_id = p_customer_id AND currency = p_currency), 0);
END $$;

-- The latest rate on or before the date (base-currency units per unit); 1 for the base currency.
CREATE OR REPLACE FUNCTION ledger_rate_for(p_currency text, p_date date, p_base_currency text)
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

-- Reads the customer and checks, in this order: it exists, the caller may act on it (a caller
-- that sees only its own customers passes p_required_owner), the entry's period is open (the
-- journal trigger checks it again under the period's lock), the project is the customer's, an
-- inactive customer takes no receipts. Then locks the customer × currency balance row, created
-- on the customer's first movement in the currency. What the movement's kind may use (credit,
-- unconfirmed money) is read from movement_kinds, the currencies' decimals from currencies: data,
-- not arguments each caller must get right. One SELECT: each statement costs an executor start.
CREATE OR REPLACE FUNCTION ledger_lock_account(
  p_kind text, p_customer_id bigint, p_project_id bigint, p_currency text,
  p_entry_date date, p_required_owner bigint, p_base_currency text DEFAULT NULL
) RETURNS ledger_account LANGUAGE plpgsql AS $$
DECLARE
  v_customer record;
  v_account ledger_account;
BEGIN
  SELECT c.status, c.sales_owner_id, ledger_credit_limit(c.id, p_currency) AS credit_limit,
         p_project_id IS NULL OR EXISTS (SELECT 1 FROM projects p
                                          WHERE p.id = p_project_id AND p.customer_id = c.id)
           AS project_ok,
         p_entry_date IS NOT NULL AND accounting_period_closed(to_char(p_entry_date, 'YYYY-MM'))
           AS period_closed,
         (SELECT s.books_start_date FROM company_settings s
           WHERE s.id = 1 AND p_entry_date < s.books_start_date) AS books_start,
         k.may_use_credit,
         -- read only for the movements the rule concerns (the sub-select runs when reached)
         CASE WHEN NOT k.may_use_unconfirmed
              THEN (SELECT s.forbid_unconfirmed_use FROM banking_settings s WHERE s.id = 1)
              ELSE false END AS forbid_unconfirmed,
         (SELECT minor_units FROM currencies WHERE code = p_currency) AS minor_units,
         (SELECT minor_units FROM currencies WHERE code = p_base_currency) AS base_minor_units
    INTO v_customer FROM customers c LEFT JOIN movement_kinds k ON k.kind = p_kind
   WHERE c.id = p_customer_id;
  IF NOT FOUND THEN PERFORM ledger_refuse('customer_missing'); END IF;
  IF v_customer.may_use_credit IS NULL THEN
    PERFORM ledger_refuse('kind_unknown', jsonb_build_object('kind', p_kind));
  END IF;
  IF p_required_owner IS NOT NULL AND v_customer.sales_owner_id IS DISTINCT FROM p_required_owner THEN
    PERFORM ledger_refuse('customer_forbidden');
  END IF;
  IF v_customer.books_start IS NOT NULL THEN
    PERFORM ledger_refuse('before_books_start',
                          jsonb_build_object('booksStart', v_customer.books_start::text));
  END IF;
  IF v_customer.period_closed THEN
    PERFORM ledger_refuse('period_closed',
                          jsonb_build_object('period', to_char(p_entry_date, 'YYYY-MM')));
  END IF;
  IF NOT v_customer.project_ok THEN PERFORM ledger_refuse('project_not_of_customer'); END IF;
  IF v_customer.status <> 'active' AND p_kind = 'receipt' THEN
    PERFORM ledger_refuse('customer_inactive');
  END IF;
  SELECT balance, pending, unconfirmed
    INTO v_account.balance, v_account.pending, v_account.unconfirmed FROM customer_balances
   WHERE customer_id = p_customer_id AND currency = p_currency FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO customer_balances (customer_id, currency) VALUES (p_customer_id, p_currency)
    ON CONFLICT DO NOTHING;
    SELECT balance, pending, unconfirmed
    INTO v_account.balance, v_account.pending, v_account.unconfirmed FROM customer_balances
     WHERE customer_id = p_customer_id AND currency = p_currency FOR UPDATE;
  END IF;
  v_account.credit_limit := v_customer.credit_limit;
  v_account.forbid_unconfirmed := coalesce(v_customer.forbid_unconfirmed, false);
  v_account.may_use_credit := v_customer.may_use_credit;
  v_account.minor_units := v_customer.minor_units;
  v_account.base_minor_units := v_customer.base_minor_units;
  RETURN v_account;
END $$;

-- Names (one meaning each): available = balance − pending (可用余额); headroom = available + the
-- credit limit when the movement's kind may use credit (movement_kinds: a refund may not).
-- After a movement that lowers the balance, headroom ≥ 0. p_released is what the movement's own
-- reservation frees. Returns the headroom left after the movement.
CREATE OR REPLACE FUNCTION ledger_assert_within_limits(
  p_account ledger_account, p_kind text, p_customer_id bigint, p_currency text,
  p_effect numeric, p_released numeric
) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
  v_available numeric := p_account.balance - (p_account.pending - p_released);
  v_headroom numeric := v_available
                        + CASE WHEN p_account.may_use_credit THEN p_account.credit_limit ELSE 0 END;
BEGIN
  -- 到账确认: with the rule on, money not yet confirmed cannot be applied or refunded.
  IF p_effect < 0 AND p_account.forbid_unconfirmed AND p_account.unconfirmed > 0
     AND v_headroom + p_effect >= 0 AND v_headroom - p_account.unconfirmed + p_effect < 0 THEN
    PERFORM ledger_refuse('unconfirmed_funds', jsonb_build_object(
      'headroom', (v_headroom - p_account.unconfirmed)::text,
      'unconfirmed', p_account.unconfirmed::text, 'currency', p_currency,
      'customerId', p_customer_id, 'kind', p_kind, 'amount', abs(p_effect)::text));
  END IF;
  IF p_effect < 0 AND v_headroom + p_effect < 0 THEN
    PERFORM ledger_refuse('insufficient_balance', jsonb_build_object(
      'headroom', v_headroom::text, 'available', v_available::text, 'currency', p_currency,
      'customerId', p_customer_id, 'kind', p_kind, 'amount', abs(p_effect)::text));
  END IF;
  RETURN v_headroom + p_effect;
END $$;

-- The same bank reference on a live receipt is a duplicate registration; the advisory lock makes
-- the check safe against two clerks registering it at the same moment.
CREATE OR REPLACE FUNCTION ledger_assert_new_bank_reference(p_channel text, p_reference text)
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

-- Holds p_amount as pending (可用余额 drops at once) under the same lock and limits as a posting
-- of p_kind (the movement the request will post: a refund's hold may not use credit either).
CREATE OR REPLACE FUNCTION ledger_reserve(
  p_kind text, p_customer_id bigint, p_project_id bigint, p_currency text, p_amount numeric,
  p_required_owner bigint
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_account ledger_account := ledger_lock_account(p_kind, p_customer_id, p_project_id,
                                                  p_currency, NULL, p_required_owner);
  v_headroom numeric := ledger_assert_within_limits(v_account, p_kind, p_customer_id, p_currency,
                                                    -p_amount, 0);
BEGIN
  UPDATE customer_balances SET pending = pending + p_amount, updated_at = now()
   WHERE customer_id = p_customer_id AND currency = p_currency;
END $$;

-- Frees a hold ledger_reserve made, when its request closes without posting (rejected, cancelled,
-- expired); a request that posts frees it in ledger_post (p_released). Never more than is held.
CREATE OR REPLACE FUNCTION ledger_release(p_customer_id bigint, p_currency text, p_amount numeric)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE v_pending numeric;
BEGIN
  UPDATE customer_balances SET pending = pending - p_amount, updated_at = now()
   WHERE customer_id = p_customer_id AND currency = p_currency AND pending >= p_amount
  RETURNING pending INTO v_pending;
  IF NOT FOUND THEN
    PERFORM ledger_refuse('release_exceeds_pending', jsonb_build_object(
      'customerId', p_customer_id, 'currency', p_currency, 'amount', p_amount::text));
  END IF;
END $$;

-- One line of a journal's view, on the debit side when p_debit (inlined where it is called).
CREATE OR REPLACE FUNCTION ledger_line_view(
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

-- 汇兑损益 (docs/domain.md, "Foreign currency"): what a movement does to the customer's advances
-- in the base currency. A movement that shrinks the balance toward zero relieves it at the
-- balance's weighted-average historical base (customer × currency), all of it when the balance
-- reaches zero, so a currency balance of zero never leaves a base residue; any part crossing zero,
-- and every movement that grows the balance, is at the movement's own base (p_counter_base). A
-- reversal that grows the balance undoes its original's relief exactly. ledger_post posts the
-- difference against p_counter_base to the exchange gain/loss account. The base currency's
-- base is its amount, so it never differs.
CREATE OR REPLACE FUNCTION ledger_advance_base(
  p_customer_id bigint, p_currency text, p_balance numeric, p_effect numeric, p_rate numeric,
  p_counter_base numeric, p_base_minor int, p_reverses_journal_id bigint, p_advances_account text,
  p_base_currency text
) RETURNS numeric LANGUAGE plpgsql STABLE AS $$
DECLARE v_held numeric;
BEGIN
  IF p_currency = p_base_currency THEN RETURN p_counter_base; END IF;
  IF p_balance = 0 OR sign(p_balance) = sign(p_effect) THEN
    IF p_reverses_journal_id IS NULL THEN RETURN p_counter_base; END IF;
    RETURN coalesce((SELECT sum(base_debit - base_credit) FROM journal_lines
                      WHERE journal_id = p_reverses_journal_id
                        AND account_code = p_advances_account), p_counter_base);
  END IF;
  -- the base the balance holds now: the sum of its lines (only foreign money shrinking gets here)
  SELECT coalesce(sum(base_credit - base_debit), 0) INTO v_held FROM journal_lines
   WHERE customer_id = p_customer_id AND currency = p_currency AND account_code = p_advances_account;
  IF abs(p_effect) >= abs(p_balance) THEN
    -- all of it relieved; what crosses zero is at the movement's rate
    RETURN -v_held + round((p_effect + p_balance) * p_rate, p_base_minor);
  END IF;
  RETURN round(v_held * p_effect / p_balance, p_base_minor);
END $$;

-- Posts one movement: the one place where balances change. Two lines, Customer Advances
-- (p_advances_account, with the customer) and the counter account: Customer Advances is credited
-- when the balance grows and debited when it shrinks. The counter account's base is the amount at
-- the rate; Customer Advances' base is ledger_advance_base, and a third line on 6603
-- (财务费用—汇兑损益, base only, its customer and project on the journal) takes the difference. Writes the audit rows p_audit_entries
-- recorded earlier in the transaction, then the journal's (references and the journal's digest,
-- journal_audit_after in journal_digest.sql: the journal is the record). Returns the journal's view
-- (amounts as strings in their currency's decimals, as the currencies table states them).
CREATE OR REPLACE FUNCTION ledger_post(
  p_kind text, p_customer_id bigint, p_project_id bigint, p_currency text, p_effect numeric,
  p_advances_account text, p_counter_account text, p_entry_date date,
  p_channel text, p_bank_reference text, p_document_type text, p_document_no text,
  p_reason text, p_memo text, p_reverses_journal_id bigint, p_approval_id bigint,
  p_exchange_rate numeric, p_released numeric, p_base_currency text, p_required_owner bigint,
  p_actor_id bigint, p_actor_role text, p_ip text, p_user_agent text, p_request_id text,
  p_audit_entries jsonb
) RETURNS json LANGUAGE plpgsql AS $$
DECLARE
  v_account ledger_account := ledger_lock_account(p_kind, p_customer_id, p_project_id, p_currency,
                                                  p_entry_date, p_required_owner, p_base_currency);
  v_minor int := v_account.minor_units;
  v_base_minor int := v_account.base_minor_units;
  v_grows boolean := p_effect > 0;
  v_amount numeric := abs(p_effect);
  v_rate numeric;
  v_base numeric;
  v_advance_base numeric;
  v_fx_loss numeric;
  v_headroom numeric;
  v_journal record;
  v_view json;
  v_chain smallint;
BEGIN
  IF p_kind = 'receipt' AND p_bank_reference IS NOT NULL THEN
    PERFORM ledger_assert_new_bank_reference(p_channel, p_bank_reference);
  END IF;
  v_rate := coalesce(p_exchange_rate, ledger_rate_for(p_currency, p_entry_date, p_base_currency));
  v_headroom := ledger_assert_within_limits(v_account, p_kind, p_customer_id, p_currency,
                                             p_effect, p_released);
  -- Into the base currency at the rate, rounded half-up (numeric round) once, here.
  v_base := round(p_effect * v_rate, v_base_minor);
  v_advance_base := ledger_advance_base(p_customer_id, p_currency, v_account.balance, p_effect,
                                        v_rate, v_base, v_base_minor, p_reverses_journal_id,
                                        p_advances_account, p_base_currency);
  v_fx_loss := v_advance_base - v_base; -- a debit of 6603 when positive (a loss), else a gain

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
         greatest(-v_advance_base, 0), greatest(v_advance_base, 0)),
        (3, '6603', NULL, NULL, 0, 0, greatest(v_fx_loss, 0), greatest(-v_fx_loss, 0))
      ) AS line (line_no, account_code, customer_id, project_id, debit, credit, base_debit, base_credit)
     WHERE line.line_no < 3 OR v_fx_loss <> 0
  ), entered_unconfirmed AS (
    -- 到账确认: what sales registers waits for a bank line or a second person of finance.
    INSERT INTO receipt_confirmations (journal_id, customer_id, currency, amount, status, entered_by)
    SELECT journal.id, p_customer_id, p_currency, v_amount, 'unconfirmed', p_actor_id
      FROM journal WHERE p_kind = 'receipt' AND p_actor_role = 'sales'
    RETURNING amount
  ), reversed_unconfirmed AS (
    -- a reversed receipt that was never confirmed no longer waits for confirmation
    UPDATE receipt_confirmations SET status = 'reversed'
     WHERE p_kind = 'reversal' AND journal_id = p_reverses_journal_id AND status = 'unconfirmed'
    RETURNING amount
  ), balance AS (
    UPDATE customer_balances
       SET balance = balance + p_effect, pending = pending - p_released,
           unconfirmed = unconfirmed + coalesce((SELECT amount FROM entered_unconfirmed), 0)
                         - coalesce((SELECT amount FROM reversed_unconfirmed), 0),
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
    'amount', round(v_amount, v_minor)::text,
    'balanceEffect', round(p_effect, v_minor)::text,
    'exchangeRate', v_journal.exchange_rate::text,
    'baseAmount', round(v_base, v_base_minor)::text,
    'fxGain', round(-v_fx_loss, v_base_minor)::text,
    'entryDate', to_char(p_entry_date, 'YYYY-MM-DD'),
    'channel', p_channel, 'bankReference', p_bank_reference, 'documentType', p_document_type,
    'documentNo', p_document_no, 'reason', p_reason, 'memo', p_memo,
    'reversesJournalId', p_reverses_journal_id, 'approvalId', p_approval_id,
    'createdBy', p_actor_id,
    'createdAt', to_char(v_journal.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'lines', CASE WHEN v_fx_loss = 0 THEN json_build_array(
      ledger_line_view(1, p_counter_account, v_grows, v_amount, v_base, v_minor, v_base_minor),
      ledger_line_view(2, p_advances_account, NOT v_grows, v_amount, v_base, v_minor, v_base_minor))
      ELSE json_build_array(
      ledger_line_view(1, p_counter_account, v_grows, v_amount, v_base, v_minor, v_base_minor),
      ledger_line_view(2, p_advances_account, NOT v_grows, v_amount, v_advance_base, v_minor,
                       v_base_minor),
      ledger_line_view(3, '6603', v_fx_loss > 0, 0, v_fx_loss, v_minor, v_base_minor)) END,
    'balanceAfter', json_build_object(
      'currency', p_currency,
      'balance', round(v_journal.balance, v_minor)::text,
      'pending', round(v_journal.pending, v_minor)::text,
      'available', round(v_journal.balance - v_journal.pending, v_minor)::text));
  v_chain := audit_append(p_actor_id, p_actor_role, p_ip, p_user_agent, p_request_id,
                          p_audit_entries || jsonb_build_array(jsonb_build_object(
                            'entityType', 'journal', 'entityId', v_journal.id::text,
                            'action', 'post_' || p_kind,
                            'after', journal_audit_after(v_journal.id))));
  RETURN v_view;
END $$;
