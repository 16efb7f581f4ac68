-- A posting's audit row (issue 20 goal 6): the journal row and its lines are the record of a
-- posting; its audit row keeps references, the amount, the date and a digest of the journal's
-- content, and the hash chain covers that digest. audit:verify recomputes the digest from the
-- journal tables, so a line edited behind the triggers is caught although it is not copied into
-- the audit row. Loaded by migration 0280 (see database/sql/README.md).

-- Digest version 1 (the audit row's `digest`): sha256, base64 (44 characters), of the jsonb text of
--   [id, journal_no, kind, customer_id, project_id, currency, amount, exchange_rate, base_amount,
--    entry_date, channel, bank_reference, document_type, document_no, reason, memo,
--    reverses_journal_id, approval_id, created_by, created_at (UTC, microseconds),
--    [[line_no, account_code, customer_id, project_id, currency, debit, credit, base_debit,
--      base_credit, entry_date], … by line_no]]
-- numerics as their stored text (scale included), dates YYYY-MM-DD. NULL when there is no such
-- journal. This text is the format's definition: a change is a new version under a new key.
-- plpgsql rather than sql: its statement's plan is cached per session (a sql function that
-- cannot be inlined is planned again on every call, ~10× the cost here).
CREATE OR REPLACE FUNCTION journal_content_digest(p_journal_id bigint) RETURNS text
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT encode(sha256(convert_to(jsonb_build_array(
           j.id, j.journal_no, j.kind, j.customer_id, j.project_id, j.currency, j.amount::text,
           j.exchange_rate::text, j.base_amount::text, to_char(j.entry_date, 'YYYY-MM-DD'),
           j.channel, j.bank_reference, j.document_type, j.document_no, j.reason, j.memo,
           j.reverses_journal_id, j.approval_id, j.created_by,
           to_char(j.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           (SELECT coalesce(jsonb_agg(jsonb_build_array(
                     l.line_no, l.account_code, l.customer_id, l.project_id, l.currency,
                     l.debit::text, l.credit::text, l.base_debit::text, l.base_credit::text,
                     to_char(l.entry_date, 'YYYY-MM-DD')) ORDER BY l.line_no), '[]')
              FROM journal_lines l WHERE l.journal_id = j.id))::text, 'UTF8')), 'base64')
    FROM journals j WHERE j.id = p_journal_id);
END $$;

-- The `after` of a posting's audit row: the references present (customer, project, reversed
-- journal, approval; the journal's id is the row's entity_id and its kind the action's suffix),
-- the currency, the amount (the journal's signed effect on the balance, trailing zeros trimmed),
-- the entry date and the digest. Absent references are left out, not written as null.
CREATE OR REPLACE FUNCTION journal_audit_after(p_journal_id bigint) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT jsonb_strip_nulls(jsonb_build_object(
           'customerId', j.customer_id, 'projectId', j.project_id, 'currency', j.currency,
           'amount', trim_scale(j.amount)::text, 'entryDate', to_char(j.entry_date, 'YYYY-MM-DD'),
           'reversesJournalId', j.reverses_journal_id, 'approvalId', j.approval_id,
           'digest', journal_content_digest(j.id)))
    FROM journals j WHERE j.id = p_journal_id);
END $$;
