-- The SM suite (WANGGUI_CRYPTO_SUITE=sm) chains audit rows with SM3 instead of SHA-256
-- (ADR 0022). PostgreSQL has no SM3 of its own; pgcrypto's digest() reaches OpenSSL's, so
-- the extension is created where the server has it and the owner may. Without it the default
-- suite works as before, and the SM suite refuses to start with a one-line reason.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pgcrypto') THEN
    CREATE EXTENSION IF NOT EXISTS pgcrypto;
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'pgcrypto not created (%): the SM suite cannot seal the audit chain', SQLERRM;
END $$;

-- Which hash the sealer uses: 2 = SHA-256, 3 = SM3, both over format 2's bytes. Written by
-- the owner at start from the configuration; the application's login may only read it, so it
-- cannot choose the chain's algorithm. Each row keeps the algorithm it was sealed with, so a
-- chain may switch once and still verify from the first row.
CREATE TABLE audit_settings (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  hash_alg smallint NOT NULL DEFAULT 2 CHECK (hash_alg IN (2, 3))
);
INSERT INTO audit_settings DEFAULT VALUES;

-- Format 2's bytes, once, for both hashes.
CREATE FUNCTION audit_row_text(prev text, e audit_events) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT prev || E'\n'
    || audit_field(e.id::text)
    || audit_field(to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'))
    || audit_field(e.actor_user_id::text)
    || audit_field(e.actor_label)
    || audit_field(e.action)
    || audit_field(e.entity_type)
    || audit_field(e.entity_id)
    || audit_field(e.org_path::text)
    || audit_field(e.before::text)
    || audit_field(e.after::text)
    || audit_field(e.request_id)
    || audit_field(e.ip)
$$;

-- PL/pgSQL so that the function exists even where pgcrypto does not; digest() is looked up
-- when a row is first sealed with SM3.
CREATE FUNCTION audit_row_hash_sm3(prev text, e audit_events) RETURNS text
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN encode(digest(convert_to(audit_row_text(prev, e), 'UTF8'), 'sm3'), 'hex');
END $$;

CREATE OR REPLACE FUNCTION audit_seal(batch integer)
  RETURNS TABLE (sealed integer, head_seq bigint, head_hash text)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_seq bigint;
  v_prev text;
  v_alg smallint;
  v_row audit_events;
  v_hash text;
  v_ids bigint[] := '{}';
  v_seqs bigint[] := '{}';
  v_prevs text[] := '{}';
  v_hashes text[] := '{}';
BEGIN
  IF NOT pg_try_advisory_xact_lock(4242002) THEN
    RETURN QUERY SELECT 0, h.chain_seq, h.hash FROM audit_chain_head h;
    RETURN;
  END IF;
  SELECT coalesce((SELECT s.hash_alg FROM audit_settings s), 2) INTO v_alg;
  SELECT h.chain_seq, h.hash INTO v_seq, v_prev FROM audit_chain_head h;
  v_seq := coalesce(v_seq, 0);
  v_prev := coalesce(v_prev, repeat('0', 64));
  FOR v_row IN
    SELECT * FROM audit_events WHERE chain_seq IS NULL ORDER BY id LIMIT greatest(batch, 1)
  LOOP
    v_seq := v_seq + 1;
    v_hash := CASE WHEN v_alg = 3 THEN audit_row_hash_sm3(v_prev, v_row)
                   ELSE audit_row_hash(v_prev, v_row) END;
    v_ids := array_append(v_ids, v_row.id);
    v_seqs := array_append(v_seqs, v_seq);
    v_prevs := array_append(v_prevs, v_prev);
    v_hashes := array_append(v_hashes, v_hash);
    v_prev := v_hash;
  END LOOP;
  IF cardinality(v_ids) > 0 THEN
    UPDATE audit_events e
       SET chain_seq = s.s_seq, prev_hash = s.s_prev, hash = s.s_hash, hash_alg = v_alg
      FROM unnest(v_ids, v_seqs, v_prevs, v_hashes) AS s(s_id, s_seq, s_prev, s_hash)
     WHERE e.id = s.s_id;
    INSERT INTO audit_chain_head AS h (singleton, chain_seq, hash) VALUES (true, v_seq, v_prev)
    ON CONFLICT (singleton) DO UPDATE SET chain_seq = excluded.chain_seq, hash = excluded.hash;
  END IF;
  RETURN QUERY SELECT cardinality(v_ids), h.chain_seq, h.hash FROM audit_chain_head h
    UNION ALL SELECT cardinality(v_ids), NULL::bigint, NULL::text
     WHERE NOT EXISTS (SELECT 1 FROM audit_chain_head);
END $$;
