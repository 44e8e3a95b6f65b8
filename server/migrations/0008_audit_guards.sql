-- The audit chain is sealed inside the database by one SECURITY DEFINER function, so the
-- application's login needs no UPDATE on the log at all, and guards refuse what privileges
-- alone would let the owner do by mistake (TRUNCATE, chain columns filled at INSERT, a head
-- that points at no sealed row). ADR 0007 says what these guards do not cover.

-- Rows sealed before this migration carry hashes computed by the server (format 1); rows
-- sealed from now on carry hashes computed here (format 2). Verification knows both.
ALTER TABLE audit_events ADD COLUMN hash_alg smallint;

-- Format 2: each field as "<octets>:<text>" (or "~" for NULL), so no value can be read as
-- two fields and any client can rebuild the same bytes without a JSON encoder.
CREATE FUNCTION audit_field(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN value IS NULL THEN '~'
              ELSE octet_length(convert_to(value, 'UTF8'))::text || ':' || value END
$$;

CREATE FUNCTION audit_row_hash(prev text, e audit_events) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(prev || E'\n'
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
    || audit_field(e.ip), 'UTF8')), 'hex')
$$;

-- Chains committed, unsealed rows onto the head, oldest id first, and moves the head. Only
-- one sealer runs at a time; a concurrent call returns 0 rows sealed and leaves the work to
-- the holder of the lock.
CREATE FUNCTION audit_seal(batch integer)
  RETURNS TABLE (sealed integer, head_seq bigint, head_hash text)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_seq bigint;
  v_prev text;
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
  SELECT h.chain_seq, h.hash INTO v_seq, v_prev FROM audit_chain_head h;
  v_seq := coalesce(v_seq, 0);
  v_prev := coalesce(v_prev, repeat('0', 64));
  FOR v_row IN
    SELECT * FROM audit_events WHERE chain_seq IS NULL ORDER BY id LIMIT greatest(batch, 1)
  LOOP
    v_seq := v_seq + 1;
    v_hash := audit_row_hash(v_prev, v_row);
    v_ids := array_append(v_ids, v_row.id);
    v_seqs := array_append(v_seqs, v_seq);
    v_prevs := array_append(v_prevs, v_prev);
    v_hashes := array_append(v_hashes, v_hash);
    v_prev := v_hash;
  END LOOP;
  IF cardinality(v_ids) > 0 THEN
    UPDATE audit_events e
       SET chain_seq = s.s_seq, prev_hash = s.s_prev, hash = s.s_hash, hash_alg = 2
      FROM unnest(v_ids, v_seqs, v_prevs, v_hashes) AS s(s_id, s_seq, s_prev, s_hash)
     WHERE e.id = s.s_id;
    INSERT INTO audit_chain_head AS h (singleton, chain_seq, hash) VALUES (true, v_seq, v_prev)
    ON CONFLICT (singleton) DO UPDATE SET chain_seq = excluded.chain_seq, hash = excluded.hash;
  END IF;
  RETURN QUERY SELECT cardinality(v_ids), h.chain_seq, h.hash FROM audit_chain_head h
    UNION ALL SELECT cardinality(v_ids), NULL::bigint, NULL::text
     WHERE NOT EXISTS (SELECT 1 FROM audit_chain_head);
END $$;
REVOKE ALL ON FUNCTION audit_seal(integer) FROM PUBLIC;

-- A row is written without chain columns, stamped with the database's clock, and after
-- that only the sealer's one-time filling of its chain columns is allowed.
CREATE OR REPLACE FUNCTION audit_events_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION '% is append-only: TRUNCATE refused', TG_TABLE_NAME;
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.chain_seq IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL
       OR NEW.hash_alg IS NOT NULL THEN
      RAISE EXCEPTION 'audit_events: chain columns are set by the sealer only';
    END IF;
    NEW.occurred_at := clock_timestamp();
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit_events is append-only';
  END IF;
  IF OLD.chain_seq IS NOT NULL
     OR (to_jsonb(NEW) - 'chain_seq' - 'prev_hash' - 'hash' - 'hash_alg')
        IS DISTINCT FROM (to_jsonb(OLD) - 'chain_seq' - 'prev_hash' - 'hash' - 'hash_alg') THEN
    RAISE EXCEPTION 'audit_events is append-only';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_events_insert_guard BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_guard();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_guard();

-- The head only moves forward, and only onto a sealed row whose hash it repeats.
CREATE FUNCTION audit_chain_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
    RAISE EXCEPTION 'audit_chain_head only moves forward: % refused', TG_OP;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.chain_seq < OLD.chain_seq THEN
    RAISE EXCEPTION 'audit_chain_head only moves forward';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM audit_events WHERE chain_seq = NEW.chain_seq AND hash = NEW.hash) THEN
    RAISE EXCEPTION 'audit_chain_head must point at a sealed row with the same hash';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_chain_head_rows BEFORE INSERT OR UPDATE OR DELETE ON audit_chain_head
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard();
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_guard();
