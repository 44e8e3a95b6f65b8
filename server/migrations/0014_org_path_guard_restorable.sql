-- A backup restored with pg_restore could not recreate the org_path update triggers: pg_dump
-- prints their WHEN clause as `old.org_path IS DISTINCT FROM new.org_path`, and pg_restore
-- runs with an empty search_path, where no `=` for ltree (an extension type in public) is
-- found. The comparison moves into the function, which runs with the server's search_path,
-- and the triggers lose their WHEN clause (issue 17, docs/operations.md).

CREATE OR REPLACE FUNCTION org_path_guard_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The move itself writes only paths it has just given to orgs it holds locked.
  IF NEW.org_path IS NULL OR NEW.org_path IS NOT DISTINCT FROM OLD.org_path
     OR current_setting('wanggui.org_move', true) = 'on' THEN
    RETURN NEW;
  END IF;
  PERFORM 1 FROM orgs WHERE path = NEW.org_path FOR KEY SHARE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'org_path of % names no current organization (moved meanwhile?)', TG_TABLE_NAME
      USING ERRCODE = '40001';
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION install_org_path_guard(target regclass) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  name text := (SELECT relname FROM pg_class WHERE oid = target);
BEGIN
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION org_path_guard_rows()',
                 name || '_org_path_insert', target);
  EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OF org_path ON %s
                    FOR EACH ROW EXECUTE FUNCTION org_path_guard_row()',
                 name || '_org_path_update', target);
END $$;

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT tgrelid::regclass AS target, tgname FROM pg_trigger
     WHERE tgname LIKE '%\_org\_path\_update' AND NOT tgisinternal
  LOOP
    EXECUTE format('DROP TRIGGER %I ON %s', t.tgname, t.target);
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OF org_path ON %s
                      FOR EACH ROW EXECUTE FUNCTION org_path_guard_row()', t.tgname, t.target);
  END LOOP;
END $$;
