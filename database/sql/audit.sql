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

-- Each distinct user agent is stored once, in audit_user_agents (since migration 0310): a row
-- carries its id (2 bytes) instead of the text (a browser's is 70–250 bytes, most of a posting's
-- row). The hash still covers the TEXT, so the verifier reads it back through the id; rows written
-- before keep the text in audit_logs.user_agent. Readers take coalesce(user_agent, the id's text).
-- NULL means inline: no agent, one longer than the dictionary takes (a unique btree entry must fit
-- a page), or a new one once the dictionary's 32,767 ids are taken.
CREATE OR REPLACE FUNCTION audit_user_agent_id(p_user_agent text) RETURNS smallint
LANGUAGE plpgsql AS $$
DECLARE
  v_id smallint;
BEGIN
  IF p_user_agent IS NULL OR octet_length(p_user_agent) > 512 THEN RETURN NULL; END IF;
  -- known agents (nearly every call) read one index entry and burn no identity value
  SELECT id INTO v_id FROM audit_user_agents WHERE user_agent = p_user_agent;
  IF FOUND THEN RETURN v_id; END IF;
  -- a new one: two transactions adding it at once meet on the unique key; the second waits for
  -- the first, inserts nothing, and reads the first's row (each statement here has a fresh
  -- snapshot under READ COMMITTED, where audit rows are written)
  BEGIN
    INSERT INTO audit_user_agents (user_agent) VALUES (p_user_agent)
      ON CONFLICT (user_agent) DO NOTHING RETURNING id INTO v_id;
  EXCEPTION WHEN sequence_generator_limit_exceeded THEN
    RETURN NULL;  -- every smallint id taken: new agents stay inline, as before 0310
  END;
  IF v_id IS NULL THEN
    SELECT id INTO STRICT v_id FROM audit_user_agents WHERE user_agent = p_user_agent;
  END IF;
  RETURN v_id;
END $$;

-- The dictionary is as append-only as the log it serves (its table comes with migration 0310;
-- migration 0100 loads this file before it exists).
DO $$
BEGIN
  IF to_regclass('audit_user_agents') IS NOT NULL THEN
    CREATE OR REPLACE TRIGGER audit_user_agents_append_only BEFORE UPDATE OR DELETE
      ON audit_user_agents FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
    CREATE OR REPLACE TRIGGER audit_user_agents_no_truncate BEFORE TRUNCATE
      ON audit_user_agents FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
  END IF;
END $$;

-- Appends entries ([{entityType, entityId, action, before, after}]) to one hash chain and returns
-- the chain. The first append of a transaction takes a chain no other transaction holds (SKIP
-- LOCKED: writers never queue while one is free) and keeps it, locked, for the transaction's later
-- appends: rows of one transaction sit on one chain in the order written, and no two transactions
-- wait on each other's chains. The head's row lock orders each chain by commit. prev_hash is not
-- stored (since migration 0280; older rows keep theirs): it is the hash of the row before on the
-- chain (chain, seq - 1), which the hash covers all the same. The user agent is stored as its id
-- in audit_user_agents (audit_user_agent_id), hashed as its text.
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
  v_row.user_agent_id := audit_user_agent_id(p_user_agent);
  -- inline only when the dictionary does not take it
  IF v_row.user_agent_id IS NULL THEN v_row.user_agent := p_user_agent; END IF;
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
                            actor_role, ip, user_agent, user_agent_id, request_id, entity_type,
                            entity_id, action, before, after)
    SELECT r.chain, r.seq, r.hash, r.hash_version, r.occurred_at, r.actor_id,
           r.actor_role, r.ip, r.user_agent, r.user_agent_id, r.request_id, r.entity_type,
           r.entity_id, r.action, r.before, r.after
      FROM unnest(v_rows) r
  )
  UPDATE audit_chain_heads SET seq = v_seq + cardinality(v_rows), hash = v_hash
   WHERE chain = v_chain;
  RETURN v_chain;
END $$;
