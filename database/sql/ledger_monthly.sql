-- 月末余额 (issue 20): the closing balance of each customer × currency × project × channel × month,
-- kept by the journal-line insert in the same transaction, so an opening balance is one row per
-- project (and channel) plus at most a month of lines, and reports for any period read months,
-- not every line since the beginning. project_id 0 = lines without a project, channel '' = none.
-- A reversal counts in the category of the journal it reverses, a 反核销 (unapplication) negatively
-- as applied (as reports/report_sql.ts CATEGORY does).
-- ledger_monthly_keys lists every key once, so a report finds each key's closing before a month
-- with one index probe per key instead of reading every earlier month.
-- ledger_rollup_months: the same summed over channels, per customer × currency × project × month
-- (project_id ≥ 0, 0 = none: the reports by project), and over projects too, per customer ×
-- currency × month (project_id = -1: the reports that do not split a customer). Fewer keys and
-- rows for the reports that need fewer splits; customer_balances lists the customer level's keys.
-- The current definition, loaded by the migrations (database/sql/README.md).

-- A line's report category: a reversal counts in the category of the journal it reverses, a
-- 反核销 (unapplication) as a negative application (reports/report_sql.ts CATEGORY says the same
-- for the reports that read lines).
CREATE OR REPLACE FUNCTION ledger_line_category(p_kind text, p_reversed_kind text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(p_reversed_kind,
                  CASE p_kind WHEN 'unapplication' THEN 'application' ELSE p_kind END)
$$;

-- After each statement inserting lines (one per posting; one per chunk of an import), per key and
-- month of its lines, in order: add the movements to the month and the net to the closing of that
-- month and of every later one of the key (a back-dated posting moves every later closing); a
-- month without a row yet starts at the closing before it (a key's first month also lists the
-- key). The same for the roll-ups (ledger_rollup_add): per project, and per customer × currency.
-- A posting has one key and month: one UPDATE of one row at each level (issue 20: posting cost).
-- Postings and imports hold the customer × currency balance row lock, so a key has one writer.
CREATE OR REPLACE FUNCTION ledger_monthly_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
  v_found boolean;
BEGIN
  -- the statement's lines per key and month, per project and month and per customer × currency
  -- and month, their movements by category (ledger_line_category), from the transition table;
  -- `rollup`: a level summed over channels, `project_id` -1 for the customer level
  FOR r IN
    SELECT x.customer_id, x.currency,
           CASE WHEN grouping(x.project_id) = 1 THEN -1 ELSE x.project_id END AS project_id,
           x.channel, x.month, grouping(x.channel) = 1 AS rollup,
           coalesce(sum(x.amount) FILTER (WHERE x.category = 'receipt'), 0) AS received,
           coalesce(-sum(x.amount) FILTER (WHERE x.category = 'application'), 0) AS applied,
           coalesce(-sum(x.amount) FILTER (WHERE x.category = 'refund'), 0) AS refunded,
           coalesce(sum(x.amount) FILTER (WHERE x.category = 'adjustment'), 0) AS adjusted,
           coalesce(sum(x.base) FILTER (WHERE x.category = 'receipt'), 0) AS received_base,
           coalesce(-sum(x.base) FILTER (WHERE x.category = 'application'), 0) AS applied_base,
           coalesce(-sum(x.base) FILTER (WHERE x.category = 'refund'), 0) AS refunded_base,
           coalesce(sum(x.base) FILTER (WHERE x.category = 'adjustment'), 0) AS adjusted_base,
           sum(x.amount) AS net, sum(x.base) AS net_base, count(*) AS lines
      FROM (SELECT l.customer_id, l.currency, coalesce(l.project_id, 0) AS project_id,
                   coalesce(j.channel, '') AS channel,
                   date_trunc('month', l.entry_date)::date AS month,
                   ledger_line_category(j.kind, o.kind) AS category,
                   l.credit - l.debit AS amount, l.base_credit - l.base_debit AS base
              FROM new_lines l JOIN journals j ON j.id = l.journal_id
              LEFT JOIN journals o ON o.id = j.reverses_journal_id
             WHERE l.customer_id IS NOT NULL) x
     GROUP BY GROUPING SETS ((x.customer_id, x.currency, x.project_id, x.channel, x.month),
                             (x.customer_id, x.currency, x.project_id, x.month),
                             (x.customer_id, x.currency, x.month))
     ORDER BY 1, 2, 6, 3, 4, 5 LOOP
    IF r.rollup THEN
      PERFORM ledger_rollup_add(r.customer_id, r.currency, r.project_id, r.month, r.received,
        r.applied, r.refunded, r.adjusted, r.net, r.received_base, r.applied_base,
        r.refunded_base, r.adjusted_base, r.net_base, r.lines);
      CONTINUE;
    END IF;
    WITH changed AS (
      UPDATE ledger_monthly_balances m
         SET received = m.received + CASE WHEN m.month = r.month THEN r.received ELSE 0 END,
             applied = m.applied + CASE WHEN m.month = r.month THEN r.applied ELSE 0 END,
             refunded = m.refunded + CASE WHEN m.month = r.month THEN r.refunded ELSE 0 END,
             adjusted = m.adjusted + CASE WHEN m.month = r.month THEN r.adjusted ELSE 0 END,
             net = m.net + CASE WHEN m.month = r.month THEN r.net ELSE 0 END,
             received_base = m.received_base
                             + CASE WHEN m.month = r.month THEN r.received_base ELSE 0 END,
             applied_base = m.applied_base
                            + CASE WHEN m.month = r.month THEN r.applied_base ELSE 0 END,
             refunded_base = m.refunded_base
                             + CASE WHEN m.month = r.month THEN r.refunded_base ELSE 0 END,
             adjusted_base = m.adjusted_base
                             + CASE WHEN m.month = r.month THEN r.adjusted_base ELSE 0 END,
             net_base = m.net_base + CASE WHEN m.month = r.month THEN r.net_base ELSE 0 END,
             lines = m.lines + CASE WHEN m.month = r.month THEN r.lines ELSE 0 END,
             closing = m.closing + r.net, closing_base = m.closing_base + r.net_base
       WHERE m.customer_id = r.customer_id AND m.currency = r.currency
         AND m.project_id = r.project_id AND m.channel = r.channel AND m.month >= r.month
      RETURNING m.month)
    SELECT coalesce(bool_or(month = r.month), false) INTO v_found FROM changed;
    IF NOT v_found THEN
      INSERT INTO ledger_monthly_balances (customer_id, currency, project_id, channel, month,
        received, applied, refunded, adjusted, net, received_base, applied_base, refunded_base,
        adjusted_base, net_base, lines, closing, closing_base)
      SELECT r.customer_id, r.currency, r.project_id, r.channel, r.month, r.received, r.applied,
             r.refunded, r.adjusted, r.net, r.received_base, r.applied_base, r.refunded_base,
             r.adjusted_base, r.net_base, r.lines,
             coalesce(p.closing, 0) + r.net, coalesce(p.closing_base, 0) + r.net_base
        FROM (SELECT 1) one
        LEFT JOIN LATERAL (
          SELECT b.closing, b.closing_base FROM ledger_monthly_balances b
           WHERE b.customer_id = r.customer_id AND b.currency = r.currency
             AND b.project_id = r.project_id AND b.channel = r.channel AND b.month < r.month
           ORDER BY b.month DESC LIMIT 1) p ON true;
      INSERT INTO ledger_monthly_keys (customer_id, currency, project_id, channel)
      VALUES (r.customer_id, r.currency, r.project_id, r.channel) ON CONFLICT DO NOTHING;
    END IF;
  END LOOP;
  RETURN NULL;
END $$;

-- One roll-up key × month of ledger_rollup_months gains movements: the month's row and every
-- later month's closing, as ledger_monthly_apply does per key. At the customer level the balance
-- row counts the lines (customer_balances.line_count: every writer of lines holds that row's lock
-- already), so a report can tell in one read whether the ledger moved since a file it built
-- (lines are only ever added: the same count is the same lines).
CREATE OR REPLACE FUNCTION ledger_rollup_add(
  p_customer_id bigint, p_currency char(3), p_project_id bigint, p_month date,
  p_received numeric, p_applied numeric, p_refunded numeric, p_adjusted numeric, p_net numeric,
  p_received_base numeric, p_applied_base numeric, p_refunded_base numeric,
  p_adjusted_base numeric, p_net_base numeric, p_lines bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE v_found boolean;
BEGIN
  IF p_project_id = -1 THEN
    UPDATE customer_balances SET line_count = line_count + p_lines
     WHERE customer_id = p_customer_id AND currency = p_currency;
    -- lines written before their balance row (no writer of ours does): the count is not lost
    IF NOT FOUND THEN
      INSERT INTO customer_balances (customer_id, currency, line_count)
      VALUES (p_customer_id, p_currency, p_lines)
      ON CONFLICT (customer_id, currency)
      DO UPDATE SET line_count = customer_balances.line_count + EXCLUDED.line_count;
    END IF;
  END IF;
  WITH changed AS (
    UPDATE ledger_rollup_months m
       SET received = m.received + CASE WHEN m.month = p_month THEN p_received ELSE 0 END,
           applied = m.applied + CASE WHEN m.month = p_month THEN p_applied ELSE 0 END,
           refunded = m.refunded + CASE WHEN m.month = p_month THEN p_refunded ELSE 0 END,
           adjusted = m.adjusted + CASE WHEN m.month = p_month THEN p_adjusted ELSE 0 END,
           net = m.net + CASE WHEN m.month = p_month THEN p_net ELSE 0 END,
           received_base = m.received_base
                           + CASE WHEN m.month = p_month THEN p_received_base ELSE 0 END,
           applied_base = m.applied_base
                          + CASE WHEN m.month = p_month THEN p_applied_base ELSE 0 END,
           refunded_base = m.refunded_base
                           + CASE WHEN m.month = p_month THEN p_refunded_base ELSE 0 END,
           adjusted_base = m.adjusted_base
                           + CASE WHEN m.month = p_month THEN p_adjusted_base ELSE 0 END,
           net_base = m.net_base + CASE WHEN m.month = p_month THEN p_net_base ELSE 0 END,
           lines = m.lines + CASE WHEN m.month = p_month THEN p_lines ELSE 0 END,
           closing = m.closing + p_net, closing_base = m.closing_base + p_net_base
     WHERE m.customer_id = p_customer_id AND m.currency = p_currency
       AND m.project_id = p_project_id AND m.month >= p_month
    RETURNING m.month)
  SELECT coalesce(bool_or(month = p_month), false) INTO v_found FROM changed;
  IF NOT v_found THEN
    INSERT INTO ledger_rollup_months (customer_id, currency, project_id, month, received,
      applied, refunded, adjusted, net, received_base, applied_base, refunded_base,
      adjusted_base, net_base, lines, closing, closing_base)
    SELECT p_customer_id, p_currency, p_project_id, p_month, p_received, p_applied, p_refunded,
           p_adjusted, p_net, p_received_base, p_applied_base, p_refunded_base, p_adjusted_base,
           p_net_base, p_lines, coalesce(p.closing, 0) + p_net,
           coalesce(p.closing_base, 0) + p_net_base
      FROM (SELECT 1) one
      LEFT JOIN LATERAL (
        SELECT b.closing, b.closing_base FROM ledger_rollup_months b
         WHERE b.customer_id = p_customer_id AND b.currency = p_currency
           AND b.project_id = p_project_id AND b.month < p_month
         ORDER BY b.month DESC LIMIT 1) p ON true;
  END IF;
END $$;

CREATE OR REPLACE TRIGGER journal_lines_monthly AFTER INSERT ON journal_lines
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION ledger_monthly_apply();

-- The table as the lines say it should be: what the backfill writes and ledger:check compares.
CREATE OR REPLACE FUNCTION ledger_monthly_recomputed()
RETURNS TABLE (customer_id bigint, currency char(3), project_id bigint, channel varchar,
               month date, received numeric, applied numeric, refunded numeric,
               adjusted numeric, net numeric, received_base numeric, applied_base numeric,
               refunded_base numeric, adjusted_base numeric, net_base numeric, lines bigint, closing numeric, closing_base numeric)
LANGUAGE sql STABLE AS $$
  WITH months AS (
    SELECT x.customer_id, x.currency, x.project_id, x.channel, x.month,
           coalesce(sum(x.amount) FILTER (WHERE x.category = 'receipt'), 0) AS received,
           coalesce(-sum(x.amount) FILTER (WHERE x.category = 'application'), 0) AS applied,
           coalesce(-sum(x.amount) FILTER (WHERE x.category = 'refund'), 0) AS refunded,
           coalesce(sum(x.amount) FILTER (WHERE x.category = 'adjustment'), 0) AS adjusted,
           coalesce(sum(x.base) FILTER (WHERE x.category = 'receipt'), 0) AS received_base,
           coalesce(-sum(x.base) FILTER (WHERE x.category = 'application'), 0) AS applied_base,
           coalesce(-sum(x.base) FILTER (WHERE x.category = 'refund'), 0) AS refunded_base,
           coalesce(sum(x.base) FILTER (WHERE x.category = 'adjustment'), 0) AS adjusted_base,
           sum(x.base) AS net_base, count(*) AS lines, sum(x.amount) AS net
      FROM (SELECT l.customer_id, l.currency, coalesce(l.project_id, 0) AS project_id,
                   coalesce(j.channel, '') AS channel,
                   date_trunc('month', l.entry_date)::date AS month,
                   ledger_line_category(j.kind, o.kind) AS category,
                   l.credit - l.debit AS amount, l.base_credit - l.base_debit AS base
              FROM journal_lines l JOIN journals j ON j.id = l.journal_id
              LEFT JOIN journals o ON o.id = j.reverses_journal_id
             WHERE l.customer_id IS NOT NULL) x
     GROUP BY 1, 2, 3, 4, 5)
  SELECT customer_id, currency, project_id, channel, month, received, applied, refunded, adjusted, net,
         received_base, applied_base, refunded_base, adjusted_base, net_base, lines,
         sum(net) OVER w, sum(net_base) OVER w
    FROM months
  WINDOW w AS (PARTITION BY customer_id, currency, project_id, channel ORDER BY month)
$$;

-- ledger_rollup_months as the per-key table says it should be: a month's movements summed over
-- the channels (per project) and over the projects too (project_id -1), the closing the running
-- sum of the net (what the rebuild writes and ledger:check compares; the per-key table itself is
-- compared with the lines).
CREATE OR REPLACE FUNCTION ledger_rollup_summed()
RETURNS TABLE (customer_id bigint, currency char(3), project_id bigint, month date,
               received numeric, applied numeric, refunded numeric, adjusted numeric,
               net numeric, received_base numeric, applied_base numeric, refunded_base numeric,
               adjusted_base numeric, net_base numeric, lines bigint, closing numeric,
               closing_base numeric)
LANGUAGE sql STABLE AS $$
  WITH sums AS (
    SELECT m.customer_id, m.currency,
           CASE WHEN grouping(m.project_id) = 1 THEN -1 ELSE m.project_id END AS project_id,
           m.month, sum(m.received) AS received, sum(m.applied) AS applied,
           sum(m.refunded) AS refunded, sum(m.adjusted) AS adjusted, sum(m.net) AS net,
           sum(m.received_base) AS received_base, sum(m.applied_base) AS applied_base,
           sum(m.refunded_base) AS refunded_base, sum(m.adjusted_base) AS adjusted_base,
           sum(m.net_base) AS net_base, sum(m.lines)::bigint AS lines
      FROM ledger_monthly_balances m
     GROUP BY GROUPING SETS ((m.customer_id, m.currency, m.project_id, m.month),
                             (m.customer_id, m.currency, m.month)))
  SELECT customer_id, currency, project_id, month, received, applied, refunded, adjusted, net,
         received_base, applied_base, refunded_base, adjusted_base, net_base, lines,
         sum(net) OVER w, sum(net_base) OVER w
    FROM sums
  WINDOW w AS (PARTITION BY customer_id, currency, project_id ORDER BY month)
$$;

-- Rebuilds the table from the lines (the migration's backfill; a bulk load with triggers off).
CREATE OR REPLACE FUNCTION ledger_monthly_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE v_rows bigint;
BEGIN
  LOCK TABLE ledger_monthly_balances, ledger_monthly_keys, ledger_rollup_months
    IN EXCLUSIVE MODE;
  DELETE FROM ledger_monthly_balances;
  DELETE FROM ledger_monthly_keys;
  DELETE FROM ledger_rollup_months;
  INSERT INTO ledger_monthly_balances (customer_id, currency, project_id, channel, month,
    received, applied, refunded, adjusted, net, received_base, applied_base, refunded_base,
    adjusted_base, net_base, lines, closing, closing_base)
  SELECT * FROM ledger_monthly_recomputed();
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  INSERT INTO ledger_monthly_keys (customer_id, currency, project_id, channel)
  SELECT DISTINCT customer_id, currency, project_id, channel FROM ledger_monthly_balances;
  INSERT INTO ledger_rollup_months SELECT * FROM ledger_rollup_summed();
  UPDATE customer_balances b SET line_count = coalesce(
    (SELECT sum(m.lines) FROM ledger_rollup_months m
      WHERE m.customer_id = b.customer_id AND m.currency = b.currency AND m.project_id = -1), 0);
  RETURN v_rows;
END $$;
