-- 月末余额 (issue 20): the closing balance of each customer × currency × project × channel × month,
-- kept by the journal-line insert in the same transaction, so an opening balance is one row per
-- project (and channel) plus at most a month of lines, and reports for any period read months,
-- not every line since the beginning. project_id 0 = lines without a project, channel '' = none.
-- A reversal counts in the category of the journal it reverses (as reports/report_sql.ts does).
-- ledger_monthly_keys lists every key once, so a report finds each key's closing before a month
-- with one index probe per key instead of reading every earlier month.
-- The current definition, loaded by the migrations (database/sql/README.md).

-- The movements of the given Customer Advances lines per month key: the category sums as reports
-- show them (received, applied, refunded, adjusted; applied and refunded positive), the month's net
-- in the currency and in base, and the line count.
CREATE OR REPLACE FUNCTION ledger_monthly_deltas(p_line_ids bigint[])
RETURNS TABLE (customer_id bigint, currency char(3), project_id bigint, channel varchar,
               month date, received numeric, applied numeric, refunded numeric, adjusted numeric,
               received_base numeric, applied_base numeric, net numeric, net_base numeric,
               lines bigint)
LANGUAGE sql STABLE AS $$
  SELECT l.customer_id, l.currency, coalesce(l.project_id, 0), coalesce(j.channel, ''),
         date_trunc('month', l.entry_date)::date,
         coalesce(sum(l.credit - l.debit) FILTER (WHERE coalesce(o.kind, j.kind) = 'receipt'), 0),
         coalesce(-sum(l.credit - l.debit) FILTER (WHERE coalesce(o.kind, j.kind) = 'application'), 0),
         coalesce(-sum(l.credit - l.debit) FILTER (WHERE coalesce(o.kind, j.kind) = 'refund'), 0),
         coalesce(sum(l.credit - l.debit) FILTER (WHERE coalesce(o.kind, j.kind) = 'adjustment'), 0),
         coalesce(sum(l.base_credit - l.base_debit) FILTER (WHERE coalesce(o.kind, j.kind) = 'receipt'), 0),
         coalesce(-sum(l.base_credit - l.base_debit) FILTER (WHERE coalesce(o.kind, j.kind) = 'application'), 0),
         sum(l.credit - l.debit), sum(l.base_credit - l.base_debit), count(*)
    FROM journal_lines l JOIN journals j ON j.id = l.journal_id
    LEFT JOIN journals o ON o.id = j.reverses_journal_id
   WHERE l.id = ANY (p_line_ids) AND l.customer_id IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5
$$;

-- After each statement inserting lines (one per posting; one per chunk of an import): open the
-- months the lines fall in at the closing before them, add the movements to their month and the
-- net to the closing of that month and of every later one of the key (back-dated postings).
-- A posting holds the customer × currency balance row lock, so a key has one writer at a time.
CREATE OR REPLACE FUNCTION ledger_monthly_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v_lines bigint[];
BEGIN
  SELECT array_agg(id) INTO v_lines FROM new_lines WHERE customer_id IS NOT NULL;
  IF v_lines IS NULL THEN RETURN NULL; END IF;

  -- rows opened here carry no movement yet, so rows this statement opens for one key agree on
  -- the closing before them; a key's first month also lists the key
  WITH opened AS (
    INSERT INTO ledger_monthly_balances AS m (customer_id, currency, project_id, channel, month,
                                              closing, closing_base)
    SELECT d.customer_id, d.currency, d.project_id, d.channel, d.month,
           coalesce(p.closing, 0), coalesce(p.closing_base, 0)
      FROM ledger_monthly_deltas(v_lines) d
      LEFT JOIN LATERAL (
        SELECT b.closing, b.closing_base FROM ledger_monthly_balances b
         WHERE b.customer_id = d.customer_id AND b.currency = d.currency
           AND b.project_id = d.project_id AND b.channel = d.channel AND b.month < d.month
         ORDER BY b.month DESC LIMIT 1) p ON true
    ON CONFLICT DO NOTHING
    RETURNING customer_id, currency, project_id, channel)
  INSERT INTO ledger_monthly_keys (customer_id, currency, project_id, channel)
  SELECT DISTINCT customer_id, currency, project_id, channel FROM opened
  ON CONFLICT DO NOTHING;

  UPDATE ledger_monthly_balances m
     SET received = m.received + x.received, applied = m.applied + x.applied,
         refunded = m.refunded + x.refunded, adjusted = m.adjusted + x.adjusted,
         received_base = m.received_base + x.received_base,
         applied_base = m.applied_base + x.applied_base,
         net_base = m.net_base + x.month_net_base, lines = m.lines + x.lines,
         closing = m.closing + x.net, closing_base = m.closing_base + x.net_base
    FROM (SELECT b.customer_id, b.currency, b.project_id, b.channel, b.month,
                 coalesce(sum(d.received) FILTER (WHERE d.month = b.month), 0) AS received,
                 coalesce(sum(d.applied) FILTER (WHERE d.month = b.month), 0) AS applied,
                 coalesce(sum(d.refunded) FILTER (WHERE d.month = b.month), 0) AS refunded,
                 coalesce(sum(d.adjusted) FILTER (WHERE d.month = b.month), 0) AS adjusted,
                 coalesce(sum(d.received_base) FILTER (WHERE d.month = b.month), 0) AS received_base,
                 coalesce(sum(d.applied_base) FILTER (WHERE d.month = b.month), 0) AS applied_base,
                 coalesce(sum(d.net_base) FILTER (WHERE d.month = b.month), 0) AS month_net_base,
                 coalesce(sum(d.lines) FILTER (WHERE d.month = b.month), 0) AS lines,
                 sum(d.net) AS net, sum(d.net_base) AS net_base
            FROM ledger_monthly_deltas(v_lines) d
            JOIN ledger_monthly_balances b
              ON b.customer_id = d.customer_id AND b.currency = d.currency
             AND b.project_id = d.project_id AND b.channel = d.channel AND b.month >= d.month
           GROUP BY 1, 2, 3, 4, 5) x
   WHERE m.customer_id = x.customer_id AND m.currency = x.currency
     AND m.project_id = x.project_id AND m.channel = x.channel AND m.month = x.month;
  RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER journal_lines_monthly AFTER INSERT ON journal_lines
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION ledger_monthly_apply();

-- The table as the lines say it should be: what the backfill writes and ledger:check compares.
CREATE OR REPLACE FUNCTION ledger_monthly_recomputed()
RETURNS TABLE (customer_id bigint, currency char(3), project_id bigint, channel varchar,
               month date, received numeric, applied numeric, refunded numeric,
               adjusted numeric, received_base numeric, applied_base numeric, net_base numeric,
               lines bigint, closing numeric, closing_base numeric)
LANGUAGE sql STABLE AS $$
  WITH months AS (
    SELECT l.customer_id, l.currency, coalesce(l.project_id, 0) AS project_id,
           coalesce(j.channel, '') AS channel, date_trunc('month', l.entry_date)::date AS month,
           coalesce(sum(l.credit - l.debit) FILTER (WHERE coalesce(o.kind, j.kind) = 'receipt'), 0) AS received,
           coalesce(-sum(l.credit - l.debit) FILTER (WHERE coalesce(o.kind, j.kind) = 'application'), 0) AS applied,
           coalesce(-sum(l.credit - l.debit) FILTER (WHERE coalesce(o.kind, j.kind) = 'refund'), 0) AS refunded,
           coalesce(sum(l.credit - l.debit) FILTER (WHERE coalesce(o.kind, j.kind) = 'adjustment'), 0) AS adjusted,
           coalesce(sum(l.base_credit - l.base_debit) FILTER (WHERE coalesce(o.kind, j.kind) = 'receipt'), 0) AS received_base,
           coalesce(-sum(l.base_credit - l.base_debit) FILTER (WHERE coalesce(o.kind, j.kind) = 'application'), 0) AS applied_base,
           sum(l.base_credit - l.base_debit) AS net_base, count(*) AS lines,
           sum(l.credit - l.debit) AS net
      FROM journal_lines l JOIN journals j ON j.id = l.journal_id
      LEFT JOIN journals o ON o.id = j.reverses_journal_id
     WHERE l.customer_id IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5)
  SELECT customer_id, currency, project_id, channel, month, received, applied, refunded, adjusted,
         received_base, applied_base, net_base, lines,
         sum(net) OVER w, sum(net_base) OVER w
    FROM months
  WINDOW w AS (PARTITION BY customer_id, currency, project_id, channel ORDER BY month)
$$;

-- Rebuilds the table from the lines (the migration's backfill; a bulk load with triggers off).
CREATE OR REPLACE FUNCTION ledger_monthly_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE v_rows bigint;
BEGIN
  LOCK TABLE ledger_monthly_balances, ledger_monthly_keys IN EXCLUSIVE MODE;
  DELETE FROM ledger_monthly_balances;
  DELETE FROM ledger_monthly_keys;
  INSERT INTO ledger_monthly_balances (customer_id, currency, project_id, channel, month,
    received, applied, refunded, adjusted, received_base, applied_base, net_base, lines,
    closing, closing_base)
  SELECT * FROM ledger_monthly_recomputed();
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  INSERT INTO ledger_monthly_keys (customer_id, currency, project_id, channel)
  SELECT DISTINCT customer_id, currency, project_id, channel FROM ledger_monthly_balances;
  RETURN v_rows;
END $$;
