-- Month-end revaluation (期末汇兑重估, docs/domain.md "Foreign currency"): the open foreign-currency
-- advances of a period, restated at the period-end rate as a reversing pair of base-only journals.
-- The current definition, loaded by migration 0241 (database/sql/README.md).

-- One customer × currency: its balance and held base as of p_end; when the balance at p_end's rate
-- differs from the held base, a `revaluation` journal dated p_end (Customer Advances against 6603)
-- and its 红冲 dated the day after, so the pair nets to nothing from then on and the weighted
-- average (ledger_advance_base, which sums every line) never sees it. Returns the difference
-- (a credit to Customer Advances when positive: the liability grew, a loss), or 0 when none.
CREATE OR REPLACE FUNCTION fx_revalue_account(
  p_run_id bigint, p_customer_id bigint, p_currency text, p_end date, p_advances_account text,
  p_base_currency text, p_base_minor int, p_actor_id bigint
) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
  v_balance numeric;
  v_held numeric;
  v_rate numeric := ledger_rate_for(p_currency, p_end, p_base_currency);
  v_revalued numeric;
  v_delta numeric;
  v_journal_id bigint;
  v_reversal_id bigint;
BEGIN
  -- the balance row's lock, as a posting takes it: a posting in flight is counted, not missed
  PERFORM 1 FROM customer_balances
   WHERE customer_id = p_customer_id AND currency = p_currency FOR UPDATE;
  SELECT coalesce(sum(credit - debit), 0), coalesce(sum(base_credit - base_debit), 0)
    INTO v_balance, v_held FROM journal_lines
   WHERE customer_id = p_customer_id AND currency = p_currency
     AND account_code = p_advances_account AND entry_date <= p_end;
  v_revalued := round(v_balance * v_rate, p_base_minor);
  v_delta := v_revalued - v_held;
  IF v_balance = 0 OR v_delta = 0 THEN RETURN 0; END IF;
  v_journal_id := fx_revaluation_journal(p_customer_id, p_currency, p_end, v_rate, v_delta,
    NULL, p_advances_account, '期末汇兑重估 ' || to_char(p_end, 'YYYY-MM'), p_actor_id);
  v_reversal_id := fx_revaluation_journal(p_customer_id, p_currency, p_end + 1, v_rate, -v_delta,
    v_journal_id, p_advances_account, '期末汇兑重估冲回 ' || to_char(p_end, 'YYYY-MM'), p_actor_id);
  INSERT INTO fx_revaluation_entries (run_id, customer_id, currency, balance, held_base, rate,
                                      revalued_base, difference, journal_id, reversal_journal_id)
  VALUES (p_run_id, p_customer_id, p_currency, v_balance, v_held, v_rate, v_revalued, v_delta,
          v_journal_id, v_reversal_id);
  RETURN v_delta;
END $$;

-- One base-only journal: Customer Advances (with the customer) credited by p_delta when positive,
-- 6603 debited (a loss); the other way round when negative. No amount in the currency.
CREATE OR REPLACE FUNCTION fx_revaluation_journal(
  p_customer_id bigint, p_currency text, p_date date, p_rate numeric, p_delta numeric,
  p_reverses bigint, p_advances_account text, p_reason text, p_actor_id bigint
) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE v_id bigint;
BEGIN
  INSERT INTO journals (journal_no, kind, customer_id, currency, amount, exchange_rate,
                        base_amount, entry_date, reason, reverses_journal_id, created_by)
  VALUES ('JV' || lpad(nextval('journal_no_seq')::text, 8, '0'),
          CASE WHEN p_reverses IS NULL THEN 'revaluation' ELSE 'reversal' END, p_customer_id,
          p_currency, 0, p_rate, p_delta, p_date, p_reason, p_reverses, p_actor_id)
  RETURNING id INTO v_id;
  INSERT INTO journal_lines (journal_id, currency, entry_date, line_no, account_code, customer_id,
                             debit, credit, base_debit, base_credit)
  VALUES (v_id, p_currency, p_date, 1, p_advances_account, p_customer_id, 0, 0,
          greatest(-p_delta, 0), greatest(p_delta, 0)),
         (v_id, p_currency, p_date, 2, '6603', NULL, 0, 0,
          greatest(p_delta, 0), greatest(-p_delta, 0));
  RETURN v_id;
END $$;

-- The whole period, once: refuses a closed period (its last day or the next's first day), and a
-- second run of a period answers the first (the run's row is unique per period). Every open
-- foreign balance as of the period's last day is revalued. Returns {runId, created}.
CREATE OR REPLACE FUNCTION fx_revalue_period(
  p_period text, p_advances_account text, p_base_currency text, p_actor_id bigint
) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_end date := (p_period || '-01')::date + interval '1 month' - interval '1 day';
  v_run_id bigint;
  v_base_minor int := (SELECT minor_units FROM currencies WHERE code = p_base_currency);
  v_account record;
BEGIN
  PERFORM ledger_assert_period_open(v_end);
  PERFORM ledger_assert_period_open(v_end + 1);
  INSERT INTO fx_revaluation_runs (period, rate_date, created_by)
  VALUES (p_period, v_end, p_actor_id) ON CONFLICT (period) DO NOTHING RETURNING id INTO v_run_id;
  IF v_run_id IS NULL THEN
    RETURN jsonb_build_object('runId', (SELECT id FROM fx_revaluation_runs WHERE period = p_period),
                              'created', false);
  END IF;
  FOR v_account IN
    SELECT DISTINCT customer_id, currency FROM journal_lines
     WHERE account_code = p_advances_account AND customer_id IS NOT NULL
       AND currency <> p_base_currency AND entry_date <= v_end
     ORDER BY customer_id, currency
  LOOP
    PERFORM fx_revalue_account(v_run_id, v_account.customer_id, v_account.currency, v_end,
                               p_advances_account, p_base_currency, v_base_minor, p_actor_id);
  END LOOP;
  RETURN jsonb_build_object('runId', v_run_id, 'created', true);
END $$;
