-- Every table that copies its org's path into org_path (members, study, review,
-- notifications, ...) follows the org when it moves: the move rewrites each of them in its
-- transaction, found from the catalog (platform/org-paths.ts). This guard closes the race
-- around it: a row written with a path read before a move committed would keep the old
-- parent's scope for ever. The guard refuses any org_path that is not an org's current path,
-- and takes a KEY SHARE lock on that org, so a move in flight finishes first and the check
-- then sees the new path (issue 15, ADR 0012). The audit log is left out: it records the path
-- of the event's day.

CREATE FUNCTION org_path_guard_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  wanted integer;
  found integer;
BEGIN
  SELECT count(DISTINCT org_path) INTO wanted FROM new_rows WHERE org_path IS NOT NULL;
  IF wanted = 0 THEN
    RETURN NULL;
  END IF;
  SELECT count(*) INTO found FROM (
    SELECT 1 FROM orgs
     WHERE path = ANY (ARRAY(SELECT DISTINCT org_path FROM new_rows WHERE org_path IS NOT NULL))
       FOR KEY SHARE) locked;
  IF found < wanted THEN
    RAISE EXCEPTION 'org_path of % names no current organization (moved meanwhile?)', TG_TABLE_NAME
      USING ERRCODE = '40001';
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION org_path_guard_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The move itself writes only paths it has just given to orgs it holds locked.
  IF NEW.org_path IS NULL OR current_setting('wanggui.org_move', true) = 'on' THEN
    RETURN NEW;
  END IF;
  PERFORM 1 FROM orgs WHERE path = NEW.org_path FOR KEY SHARE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'org_path of % names no current organization (moved meanwhile?)', TG_TABLE_NAME
      USING ERRCODE = '40001';
  END IF;
  RETURN NEW;
END $$;

-- Installs the guard on one table; a module that adds a scoped table calls it in its
-- migration (the org-move test fails for a scoped table without it).
CREATE FUNCTION install_org_path_guard(target regclass) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  name text := (SELECT relname FROM pg_class WHERE oid = target);
BEGIN
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION org_path_guard_rows()',
                 name || '_org_path_insert', target);
  EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OF org_path ON %s
                    FOR EACH ROW WHEN (OLD.org_path IS DISTINCT FROM NEW.org_path)
                    EXECUTE FUNCTION org_path_guard_row()',
                 name || '_org_path_update', target);
END $$;

DO $$
DECLARE
  t regclass;
BEGIN
  FOR t IN
    SELECT c.oid::regclass FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
     WHERE a.attname = 'org_path' AND a.atttypid = 'ltree'::regtype AND NOT a.attisdropped
       AND c.relkind IN ('r', 'p') AND c.relnamespace = current_schema()::regnamespace
       AND NOT c.relispartition AND c.relname <> 'audit_events'
  LOOP
    PERFORM install_org_path_guard(t);
  END LOOP;
END $$;
