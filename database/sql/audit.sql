-- The audit log: append-only rows on hash chains.
-- Loaded by database/migrations (see database/sql/README.md): the current definition, once.

CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP USING ERRCODE = 'ALI02';
END $$;
CREATE OR REPLACE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON audit_logs
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE OR REPLACE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON audit_logs
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- Version 2 of a row's hash. The verifier recomputes it in Node from the stored columns (with
-- PostgreSQL's text of before/after), so this text is the format's definition: keep it stable.
-- A plain SQL expression: inlined into the statements that call it.
CREATE OR REPLACE FUNCTION audit_row_hash(
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
-- wait on each other's chains. The head's row lock orders each chain by commit. prev_hash is not
-- stored (since migration 0280; older rows keep theirs): it is the hash of the row before on the
-- chain (chain, seq - 1), which the hash covers all the same.
CREATE OR REPLACE FUNCTION audit_append(
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
    v_start := floor(random() * 16);
    FOR v_try IN 0..15 LOOP
      SELECT chain, seq, hash INTO v_chain, v_seq, v_hash FROM audit_chain_heads
       WHERE chain = (v_start + v_try) % 16 FOR UPDATE SKIP LOCKED;
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
    INSERT INTO audit_logs (chain, seq, hash, hash_version, occurred_at, actor_id,
                            actor_role, ip, user_agent, request_id, entity_type, entity_id,
                            action, before, after)
    SELECT r.chain, r.seq, r.hash, r.hash_version, r.occurred_at, r.actor_id,
           r.actor_role, r.ip, r.user_agent, r.request_id, r.entity_type, r.entity_id, r.action,
           r.before, r.after
      FROM unnest(v_rows) r
  )
  UPDATE audit_chain_heads SET seq = v_seq + cardinality(v_rows), hash = v_hash
   WHERE chain = v_chain;
  RETURN v_chain;
END $$;
