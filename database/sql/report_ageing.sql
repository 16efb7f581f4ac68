-- Ageing of unapplied advances (FIFO) at the end of a day, in the base currency: a customer's
-- positive balance in a currency is made of its newest inflows (lines with a base credit); each
-- inflow's unapplied part is aged from its date to p_to. A balance its inflows do not explain
-- (should not happen) is returned with no age (the oldest bucket).
-- Balances come from the monthly closing balances (one probe per key) plus the lines of p_to's
-- month up to p_to; each balance then reads its inflows newest first from the customer index and
-- stops once they cover it (issue 20: the executive pack no longer reads every receipt ever made).
-- Loaded by migration 0320 (database/sql/README.md).
CREATE OR REPLACE FUNCTION report_fifo_ageing(p_to date)
RETURNS TABLE (days integer, amount numeric) LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_balance record;
  v_inflow record;
  v_left numeric;
BEGIN
  FOR v_balance IN
    WITH before AS (
      SELECT k.customer_id, k.currency, p.closing_base AS part
        FROM ledger_monthly_keys k
        JOIN LATERAL (
          SELECT m.closing_base FROM ledger_monthly_balances m
           WHERE m.customer_id = k.customer_id AND m.currency = k.currency
             AND m.project_id = k.project_id AND m.channel = k.channel
             AND m.month < date_trunc('month', p_to)::date
           ORDER BY m.month DESC LIMIT 1) p ON true
    ), this_month AS (
      SELECT l.customer_id, l.currency, l.base_credit - l.base_debit AS part
        FROM journals j JOIN journal_lines l ON l.journal_id = j.id AND l.customer_id IS NOT NULL
       WHERE j.entry_date >= date_trunc('month', p_to)::date AND j.entry_date <= p_to
    )
    SELECT x.customer_id, x.currency, sum(x.part) AS balance
      FROM (SELECT * FROM before UNION ALL SELECT * FROM this_month) x
     GROUP BY x.customer_id, x.currency HAVING sum(x.part) > 0
     ORDER BY x.customer_id, x.currency
  LOOP
    v_left := v_balance.balance;
    FOR v_inflow IN
      SELECT i.entry_date, i.base_credit FROM journal_lines i
       WHERE i.customer_id = v_balance.customer_id AND i.currency = v_balance.currency
         AND i.entry_date <= p_to AND i.base_credit > 0
       ORDER BY i.entry_date DESC, i.id DESC
    LOOP
      days := p_to - v_inflow.entry_date;
      amount := least(v_inflow.base_credit, v_left);
      RETURN NEXT;
      v_left := v_left - amount;
      EXIT WHEN v_left <= 0;
    END LOOP;
    IF v_left > 0 THEN
      days := NULL;
      amount := v_left;
      RETURN NEXT;
    END IF;
  END LOOP;
END $$;
