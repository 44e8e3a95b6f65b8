-- Sealing cost about 77 µs of database CPU per audit row (issue 10: every exam submission
-- writes one), and two thirds of it was overhead, not hashing (ADR 0035). The rules and the
-- hashes stay exactly as they were.

-- 1. audit_field calls convert_to, which PostgreSQL declares STABLE. Declared IMMUTABLE, the
--    function could not be inlined into audit_row_hash and audit_row_text, so every row paid
--    twelve SQL function calls. STABLE is what it is; nothing indexes on it.
ALTER FUNCTION audit_field(text) STABLE;

-- 2. The update guard moves from the function body into the trigger's WHEN, which the executor
--    evaluates without entering PL/pgSQL: the sealer's own update of an unsealed row no longer
--    builds two jsonb images of it. The condition lists every column outside the chain; the
--    test "refuses a change to any column of an unsealed row" reads the table's columns from
--    the catalog, so a column added later and forgotten here fails it. The path is compared as
--    text for the reason 0042 gives (pg_dump writes ltree's operator unqualified).
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
  -- DELETE, and an UPDATE that the trigger's WHEN found to change more than an unsealed row's
  -- chain columns.
  RAISE EXCEPTION 'audit_events is append-only';
END $$;

DROP TRIGGER audit_events_append_only ON audit_events;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_guard();
CREATE TRIGGER audit_events_append_only BEFORE UPDATE ON audit_events FOR EACH ROW
  WHEN (OLD.chain_seq IS NOT NULL
        OR (OLD.id, OLD.occurred_at, OLD.actor_user_id, OLD.actor_label, OLD.action,
            OLD.entity_type, OLD.entity_id, OLD.org_path::text, OLD.before, OLD.after,
            OLD.request_id, OLD.ip)
           IS DISTINCT FROM
           (NEW.id, NEW.occurred_at, NEW.actor_user_id, NEW.actor_label, NEW.action,
            NEW.entity_type, NEW.entity_id, NEW.org_path::text, NEW.before, NEW.after,
            NEW.request_id, NEW.ip))
  EXECUTE FUNCTION audit_events_guard();
