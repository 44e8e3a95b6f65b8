-- Rollups (issue 14, ADR 0026): dashboards read per-org totals by key instead of counting a
-- subtree live. Every change to a counted source row appends its facts (org, month, metric,
-- ±1) in the transaction of the change, by statement triggers below; the rollups_fold job
-- deletes pending facts and adds them to the org's own total and to the subtree total of the
-- org and each ancestor, in one transaction. Moving an org moves its subtree totals between
-- ancestors in the move's transaction (modules/rollups/move-rollups.ts).

-- Pending facts: a queue, appended by triggers and emptied by the fold. org_path follows the
-- org when it moves (it is a scoped table), so a pending fact is never read under a stale path.
CREATE TABLE rollup_facts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES orgs (id),
  org_path ltree NOT NULL,
  metric text NOT NULL,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  delta integer NOT NULL CHECK (delta <> 0),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
SELECT install_org_path_guard('rollup_facts'::regclass);
-- A queue: every row is deleted within a minute, so vacuum it by a row count, not a share.
ALTER TABLE rollup_facts SET (autovacuum_vacuum_scale_factor = 0,
                              autovacuum_vacuum_threshold = 10000,
                              autovacuum_vacuum_insert_scale_factor = 0,
                              autovacuum_vacuum_insert_threshold = 10000);

-- A fact is never edited: only the org move rewrites its path, and the fold deletes it.
CREATE FUNCTION rollup_facts_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.id, NEW.org_id, NEW.metric, NEW.month, NEW.delta)
     IS DISTINCT FROM (OLD.id, OLD.org_id, OLD.metric, OLD.month, OLD.delta) THEN
    RAISE EXCEPTION 'rollup_facts are append-only';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER rollup_facts_fixed BEFORE UPDATE ON rollup_facts
  FOR EACH ROW EXECUTE FUNCTION rollup_facts_fixed();

-- Folded totals per org, metric and calendar month (Beijing time). `own` counts rows of the
-- org itself, `subtree` rows of the org and every org below it.
CREATE TABLE org_rollups (
  org_id bigint NOT NULL REFERENCES orgs (id),
  org_path ltree NOT NULL,
  metric text NOT NULL,
  month date NOT NULL,
  own bigint NOT NULL DEFAULT 0,
  subtree bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, metric, month)
);
CREATE INDEX org_rollups_path ON org_rollups USING gist (org_path);
SELECT install_org_path_guard('org_rollups'::regclass);

CREATE FUNCTION cn_month(ts timestamptz) RETURNS date LANGUAGE sql IMMUTABLE
  AS $$ SELECT date_trunc('month', ts AT TIME ZONE 'Asia/Shanghai')::date $$;

-- What each source row counts for, one row per (org, metric, month). A stock (members) counts
-- +1 in the month it starts and -1 in the month it ends, so its level at a month's end is the
-- sum up to that month.
CREATE FUNCTION rollup_contrib_member(org_id bigint, joined_on date, archived_at timestamptz)
  RETURNS TABLE (org_id bigint, metric text, month date, delta integer) LANGUAGE sql IMMUTABLE
  AS $$
    SELECT org_id, 'members', date_trunc('month', joined_on)::date, 1
    UNION ALL
    SELECT org_id, 'members', cn_month(archived_at), -1 WHERE archived_at IS NOT NULL
  $$;

CREATE FUNCTION rollup_contrib_attempt(org_path ltree, passed boolean, submitted_at timestamptz)
  RETURNS TABLE (org_id bigint, metric text, month date, delta integer) LANGUAGE sql STABLE
  AS $$
    SELECT o.id, 'exam_passed', cn_month(submitted_at), 1
      FROM orgs o WHERE o.path = org_path AND passed AND submitted_at IS NOT NULL
  $$;

CREATE FUNCTION rollup_contrib_meeting(org_id bigint, kind text, held_on date)
  RETURNS TABLE (org_id bigint, metric text, month date, delta integer) LANGUAGE sql IMMUTABLE
  AS $$
    SELECT org_id, 'meetings_held', date_trunc('month', held_on)::date, 1
     WHERE kind = 'branch_life'
  $$;

CREATE FUNCTION rollup_contrib_rectification(
  org_id bigint, created_at timestamptz, status text, closed_at timestamptz)
  RETURNS TABLE (org_id bigint, metric text, month date, delta integer) LANGUAGE sql IMMUTABLE
  AS $$
    SELECT org_id, 'rect_opened', cn_month(created_at), 1
    UNION ALL
    SELECT org_id, 'rect_closed', cn_month(closed_at), 1
     WHERE status = 'closed' AND closed_at IS NOT NULL
  $$;

-- One trigger function for every source: TG_ARGV[0] is the contribution call over a
-- transition row `r`. An update appends only the difference between the new and the old
-- contributions, so edits that change nothing counted append nothing. The org move rewrites
-- paths only, which changes no org's counts: the move carries the totals itself.
CREATE FUNCTION rollup_record_facts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parts text[] := '{}';
BEGIN
  IF current_setting('wanggui.org_move', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    parts := parts || format('SELECT k.org_id, k.metric, k.month, k.delta FROM new_rows r, %s k',
                             TG_ARGV[0]);
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    parts := parts || format('SELECT k.org_id, k.metric, k.month, -k.delta FROM old_rows r, %s k',
                             TG_ARGV[0]);
  END IF;
  EXECUTE format(
    'INSERT INTO rollup_facts (org_id, org_path, metric, month, delta)
     SELECT c.org_id, o.path, c.metric, c.month, sum(c.delta)::int
       FROM (%s) c (org_id, metric, month, delta) JOIN orgs o ON o.id = c.org_id
      GROUP BY c.org_id, o.path, c.metric, c.month
     HAVING sum(c.delta) <> 0
      ORDER BY c.org_id, c.metric, c.month',
    array_to_string(parts, ' UNION ALL '));
  RETURN NULL;
END $$;

-- Installs the three statement triggers of one source table.
CREATE FUNCTION install_rollup_source(target regclass, contrib text)
  RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  name text := (SELECT relname FROM pg_class WHERE oid = target);
BEGIN
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION rollup_record_facts(%L)',
                 name || '_rollup_insert', target, contrib);
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %s
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION rollup_record_facts(%L)',
                 name || '_rollup_update', target, contrib);
  EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION rollup_record_facts(%L)',
                 name || '_rollup_delete', target, contrib);
  -- The rows already there are counted once, as facts the first fold takes up.
  EXECUTE format(
    'INSERT INTO rollup_facts (org_id, org_path, metric, month, delta)
     SELECT c.org_id, o.path, c.metric, c.month, sum(c.delta)::int
       FROM %s r, %s c JOIN orgs o ON o.id = c.org_id
      GROUP BY c.org_id, o.path, c.metric, c.month HAVING sum(c.delta) <> 0',
    target, contrib);
END $$;

SELECT install_rollup_source('members'::regclass,
  'rollup_contrib_member(r.org_id, r.joined_on, r.archived_at)');
SELECT install_rollup_source('study_attempts'::regclass,
  'rollup_contrib_attempt(r.org_path, r.passed, r.submitted_at)');
SELECT install_rollup_source('review_meetings'::regclass,
  'rollup_contrib_meeting(r.org_id, r.kind, r.held_on)');
SELECT install_rollup_source('rectification_items'::regclass,
  'rollup_contrib_rectification(r.org_id, r.created_at, r.status, r.closed_at)');
