-- 月末余额 (issue 20): the closing balance of each customer × currency × project × channel × month,
-- kept by the journal-line insert in the same transaction, so an opening balance is one row per
-- project (and channel) plus at most a month of lines, and reports for any period read months,
-- not every line since the beginning. project_id 0 = lines without a project, channel '' = none.
-- A reversal counts in the category of the journal it reverses, a 反核销 (unapplication) negatively
-- as applied (as reports/report_sql.ts CATEGORY does).
-- ledger_monthly_keys lists every key once, so a report finds each key's closing before a month
-- with one index probe per key instead of reading every earlier month.
-- The current definition, loaded by the migrations (database/sql/README.md).

-- After each statement inserting lines (one per posting; one per chunk of an import), per key and
-- month of its lines, in order: add the movements to the month and the net to the closing of that
-- month and of every later one of the key (a back-dated posting moves every later closing); a
-- month without a row yet starts at the closing before it (a key's first month also lists the
-- key). A posting has one key and month: one UPDATE of one row (issue 20: posting cost).
-- Postings and imports hold the customer × currency balance row lock, so a key has one writer.
CREATE OR REPLACE FUNCTION ledger_monthly_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
  v_found boolean;
BEGIN
  -- the statement's lines per key and month, their movements by category (as
  -- ledger_monthly_recomputed classifies them), read from the transition table
  FOR r IN
    SELECT l.customer_id, l.currency, coalesce(l.project_id, 0) AS project_id,
           coalesce(j.channel, '') AS channel, date_trunc('month', l.entry_date)::date AS month,
           coalesce(sum(l.credit - l.debit) FILTER (WHERE coalesce(o.kind, CASE j.kind WHEN 'unapplication' THEN 'application' ELSE j.kind END) = 'receipt'), 0) AS received,
           coalesce(-sum(l.credit - l.debit) FILTER (WHERE coalesce(o.kind, CASE j.kind WHEN 'unapplication' THEN 'application' ELSE j.kind END) = 'application'), 0) AS applied,
           coalesce(-sum(l.credit - l.debit) FILTER (WHERE coalesce(o.kind, CASE j.kind WHEN 'unapplication' THEN 'application' ELSE j.kind END) = 'refund'), 0) AS refunded,
           coalesce(sum(l.credit - l.debit) FILTER (WHERE coalesce(o.kind, CASE j.kind WHEN 'unapplication' THEN 'application' ELSE j.kind END) = 'adjustment'), 0) AS adjusted,
           coalesce(sum(l.base_credit - l.base_debit) FILTER (WHERE coalesce(o.kind, CASE j.kind WHEN 'unapplication' THEN 'application' ELSE j.kind END) = 'receipt'), 0) AS received_base,
           coalesce(-sum(l.base_credit - l.base_debit) FILTER (WHERE coalesce(o.kind, CASE j.kind WHEN 'unapplication' THEN 'application' ELSE j.kind END) = 'application'), 0) AS applied_base,
           coalesce(-sum(l.base_credit - l.base_debit) FILTER (WHERE coalesce(o.kind, CASE j.kind WHEN 'unapplication' THEN 'application' ELSE j.kind END) = 'refund'), 0) AS refunded_base,
           coalesce(sum(l.base_credit - l.base_debit) FILTER (WHERE coalesce(o.kind, CASE j.kind WHEN 'unapplication' THEN 'application' ELSE j.kind END) = 'adjustment'), 0) AS adjusted_base,
           sum(l.credit - l.debit) AS net, sum(l.base_credit - l.base_debit) AS net_base,
           count(*) AS lines
      FROM new_lines l JOIN journals j ON j.id = l.journal_id
      LEFT JOIN journals o ON o.id = j.reverses_journal_id
     WHERE l.customer_id IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 LOOP
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
    SELECT l.customer_id, l.currency, coalesce(l.project_id, 0) AS project_id,
           coalesce(j.channel, '') AS channel, date_trunc('month', l.entry_date)::date AS month,
           coalesce(sum(l.credit - l.debit) FILTER (WHERE coalesce(o.kind, CASE j.kind WHEN 'unapplication' THEN 'application' ELSE j.kind END) = 'receipt'), 0) AS received,
           coalesce(-sum(l.credit - l.debit) FILTER (WHERE coalesce(o.kind, CASE j.kind WHEN 'unapplication' THEN 'application' ELSE j.kind END) = 'application'), 0) AS applied,
           coalesce(-sum(l.credit - l.debit) FILTER (WHERE coalesce(o.kind, CASE j.kind WHEN 'unapplication' THEN 'application' ELSE j.kind END) = 'refund'), 0) AS refunded,
           coalesce(sum(l.credit - l.debit) FILTER (WHERE coalesce(o.kind, CASE j.kind WHEN 'unapplication' THEN 'application' ELSE j.kind END) = 'adjustment'), 0) AS adjusted,
           coalesce(sum(l.base_credit - l.base_debit) FILTER (WHERE coalesce(o.kind, CASE j.kind WHEN 'unapplication' THEN 'application' ELSE j.kind END) = 'receipt'), 0) AS received_base,
           coalesce(-sum(l.base_credit - l.base_debit) FILTER (WHERE coalesce(o.kind, CASE j.kind WHEN 'unapplication' THEN 'application' ELSE j.kind END) = 'application'), 0) AS applied_base,
           coalesce(-sum(l.base_credit - l.base_debit) FILTER (WHERE coalesce(o.kind, CASE j.kind WHEN 'unapplication' THEN 'application' ELSE j.kind END) = 'refund'), 0) AS refunded_base,
           coalesce(sum(l.base_credit - l.base_debit) FILTER (WHERE coalesce(o.kind, CASE j.kind WHEN 'unapplication' THEN 'application' ELSE j.kind END) = 'adjustment'), 0) AS adjusted_base,
           sum(l.base_credit - l.base_debit) AS net_base, count(*) AS lines,
           sum(l.credit - l.debit) AS net
      FROM journal_lines l JOIN journals j ON j.id = l.journal_id
      LEFT JOIN journals o ON o.id = j.reverses_journal_id
     WHERE l.customer_id IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5)
  SELECT customer_id, currency, project_id, channel, month, received, applied, refunded, adjusted, net,
         received_base, applied_base, refunded_base, adjusted_base, net_base, lines,
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
    received, applied, refunded, adjusted, net, received_base, applied_base, refunded_base,
    adjusted_base, net_base, lines, closing, closing_base)
  SELECT * FROM ledger_monthly_recomputed();
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  INSERT INTO ledger_monthly_keys (customer_id, currency, project_id, channel)
  SELECT DISTINCT customer_id, currency, project_id, channel FROM ledger_monthly_balances;
  RETURN v_rows;
END $$;
