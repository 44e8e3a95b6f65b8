-- 下级对比 by key (issue 14, ADR 0026): the members who passed an exam in a year and the branches
-- that held a 组织生活会 in it are distinct counts, and branches standing is a state; so far the
-- page counted them live over each child's subtree (seconds at a province's root). Each is
-- now a rollup metric whose facts are made so that a sum of deltas is the distinct count:
-- - members_passed: one per member and Beijing year, at the org and month of the member's
--   first passed attempt of the year (submitted_at, then id). A member who passed in two orgs
--   in a year (a transfer between) counts under the first one only.
-- - branches: one per unarchived branch, at the branch in the month it was created.
-- - branches_met: one per unarchived branch and year with a branch_life meeting, in the month
--   of its first such meeting of the year.
-- What each member-year and branch-year counts for is kept in a table (member_year_passes,
-- branch_year_meetings); a change to its sources recomputes the pairs it touches from the
-- source rows and appends only the difference, so passes out of order, an attempt or meeting
-- deleted or moved to another date, and an archived branch all correct the totals.
-- Org moves change nothing here: the tables are keyed by org id and the move carries totals.

CREATE FUNCTION cn_year_start(year integer) RETURNS timestamptz LANGUAGE sql STABLE
  AS $$ SELECT make_timestamptz(year, 1, 1, 0, 0, 0, 'Asia/Shanghai') $$;

-- org_id/month NULL: the pair is known but counts nowhere now (its passes were taken back).
CREATE TABLE member_year_passes (
  member_id bigint NOT NULL REFERENCES members (id),
  year integer NOT NULL,
  org_id bigint REFERENCES orgs (id),
  month date,
  PRIMARY KEY (member_id, year)
);

CREATE TABLE branch_year_meetings (
  org_id bigint NOT NULL REFERENCES orgs (id),
  year integer NOT NULL,
  month date,
  PRIMARY KEY (org_id, year)
);

-- The recomputation reads a member's passed attempts and a branch's meetings by key.
CREATE INDEX study_attempts_member_passed ON study_attempts (member_id, submitted_at)
  WHERE passed;
CREATE INDEX review_meetings_branch_life ON review_meetings (org_id, held_on)
  WHERE kind = 'branch_life';
-- 下级对比's rectification columns stay live, over open items only (docs/benchmarks.md).
CREATE INDEX rectification_items_open_path ON rectification_items USING gist (org_path)
  WHERE status = 'open';

-- One (member, year) pair, the case of every exam submission: plain statements whose plans
-- PL/pgSQL keeps (primary key and index lookups). The pair's row is made and locked first and
-- the attempts read by a later statement: a concurrent pass of the same member waits here and
-- then reads this one's committed attempt, so no pair is counted twice.
CREATE FUNCTION refresh_member_year_pass(p_member bigint, p_year integer)
  RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  was_org bigint;
  was_month date;
  new_org bigint;
  new_month date;
BEGIN
  INSERT INTO member_year_passes (member_id, year) VALUES (p_member, p_year)
  ON CONFLICT DO NOTHING;
  SELECT org_id, month INTO was_org, was_month FROM member_year_passes
   WHERE member_id = p_member AND year = p_year FOR UPDATE;
  SELECT o.id, cn_month(a.submitted_at) INTO new_org, new_month
    FROM study_attempts a JOIN orgs o ON o.path = a.org_path
   WHERE a.member_id = p_member AND a.passed
     AND a.submitted_at >= cn_year_start(p_year) AND a.submitted_at < cn_year_start(p_year + 1)
   ORDER BY a.submitted_at, a.id LIMIT 1;
  IF (was_org, was_month) IS NOT DISTINCT FROM (new_org, new_month) THEN
    RETURN;
  END IF;
  UPDATE member_year_passes SET org_id = new_org, month = new_month
   WHERE member_id = p_member AND year = p_year;
  INSERT INTO rollup_facts (org_id, org_path, metric, month, delta)
  SELECT f.org_id, o.path, 'members_passed', f.month, f.d
    FROM (VALUES (was_org, was_month, -1), (new_org, new_month, 1)) f (org_id, month, d)
    JOIN orgs o ON o.id = f.org_id
   ORDER BY f.org_id, f.month;
END $$;

-- Recomputes the given (member, year) pairs, locked as above. Several pairs (a bulk statement,
-- the backfill) are planned for the arrays given (EXECUTE): a plan kept for an unknown array
-- may hash the whole of study_attempts for one pair.
CREATE FUNCTION refresh_member_year_passes(p_members bigint[], p_years integer[])
  RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(p_members) = 1 THEN
    PERFORM refresh_member_year_pass(p_members[1], p_years[1]);
    RETURN;
  END IF;
  EXECUTE 'INSERT INTO member_year_passes (member_id, year)
           SELECT DISTINCT k.m, k.y FROM unnest($1, $2) k (m, y) ORDER BY 1, 2
           ON CONFLICT DO NOTHING' USING p_members, p_years;
  EXECUTE 'SELECT count(*) FROM (
             SELECT 1 FROM (SELECT DISTINCT * FROM unnest($1, $2)) k (m, y)
               JOIN member_year_passes p ON p.member_id = k.m AND p.year = k.y
              ORDER BY p.member_id, p.year FOR UPDATE OF p) locked' USING p_members, p_years;
  EXECUTE $q$
  WITH want AS (
    SELECT k.m, k.y, f.org_id, f.month
      FROM (SELECT DISTINCT * FROM unnest($1, $2)) k (m, y)
      LEFT JOIN LATERAL (
        SELECT o.id AS org_id, cn_month(a.submitted_at) AS month
          FROM study_attempts a JOIN orgs o ON o.path = a.org_path
         WHERE a.member_id = k.m AND a.passed
           AND a.submitted_at >= cn_year_start(k.y) AND a.submitted_at < cn_year_start(k.y + 1)
         ORDER BY a.submitted_at, a.id LIMIT 1) f ON true),
  changed AS (
    UPDATE member_year_passes p SET org_id = w.org_id, month = w.month
      FROM want w, member_year_passes was
     WHERE p.member_id = w.m AND p.year = w.y
       AND was.member_id = w.m AND was.year = w.y
       AND (was.org_id, was.month) IS DISTINCT FROM (w.org_id, w.month)
    RETURNING was.org_id AS old_org, was.month AS old_month, w.org_id AS new_org,
              w.month AS new_month),
  facts AS (
    SELECT old_org AS org_id, old_month AS month, -1 AS d FROM changed WHERE old_org IS NOT NULL
    UNION ALL
    SELECT new_org, new_month, 1 FROM changed WHERE new_org IS NOT NULL)
  INSERT INTO rollup_facts (org_id, org_path, metric, month, delta)
  SELECT f.org_id, o.path, 'members_passed', f.month, sum(f.d)::int
    FROM facts f JOIN orgs o ON o.id = f.org_id
   GROUP BY f.org_id, o.path, f.month HAVING sum(f.d) <> 0
   ORDER BY f.org_id, f.month
  $q$ USING p_members, p_years;
END $$;

-- Recomputes the given (branch org, year) pairs, locked as above; meetings are few, so every
-- call is planned for its arrays.
CREATE FUNCTION refresh_branch_year_meetings(p_orgs bigint[], p_years integer[])
  RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE 'INSERT INTO branch_year_meetings (org_id, year)
           SELECT DISTINCT k.o, k.y FROM unnest($1, $2) k (o, y) ORDER BY 1, 2
           ON CONFLICT DO NOTHING' USING p_orgs, p_years;
  EXECUTE 'SELECT count(*) FROM (
             SELECT 1 FROM (SELECT DISTINCT * FROM unnest($1, $2)) k (o, y)
               JOIN branch_year_meetings b ON b.org_id = k.o AND b.year = k.y
              ORDER BY b.org_id, b.year FOR UPDATE OF b) locked' USING p_orgs, p_years;
  EXECUTE $q$
  WITH want AS (
    SELECT k.o, k.y,
           CASE WHEN g.kind = 'branch' AND g.archived_at IS NULL THEN
             (SELECT date_trunc('month', min(r.held_on))::date FROM review_meetings r
               WHERE r.org_id = k.o AND r.kind = 'branch_life'
                 AND r.held_on >= make_date(k.y, 1, 1) AND r.held_on < make_date(k.y + 1, 1, 1))
           END AS month
      FROM (SELECT DISTINCT * FROM unnest($1, $2)) k (o, y) JOIN orgs g ON g.id = k.o),
  changed AS (
    UPDATE branch_year_meetings b SET month = w.month
      FROM want w, branch_year_meetings was
     WHERE b.org_id = w.o AND b.year = w.y AND was.org_id = w.o AND was.year = w.y
       AND was.month IS DISTINCT FROM w.month
    RETURNING w.o AS org_id, was.month AS old_month, w.month AS new_month),
  facts AS (
    SELECT org_id, old_month AS month, -1 AS d FROM changed WHERE old_month IS NOT NULL
    UNION ALL
    SELECT org_id, new_month, 1 FROM changed WHERE new_month IS NOT NULL)
  INSERT INTO rollup_facts (org_id, org_path, metric, month, delta)
  SELECT f.org_id, o.path, 'branches_met', f.month, sum(f.d)::int
    FROM facts f JOIN orgs o ON o.id = f.org_id
   GROUP BY f.org_id, o.path, f.month HAVING sum(f.d) <> 0
   ORDER BY f.org_id, f.month
  $q$ USING p_orgs, p_years;
END $$;

-- The pairs a statement on study_attempts touches: the members and years of attempts that
-- are or were passed, where the update changed what a pass is made of.
CREATE FUNCTION member_year_passes_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ms bigint[];
  ys integer[];
BEGIN
  IF current_setting('wanggui.org_move', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(member_id), array_agg(extract(year FROM submitted_at AT TIME ZONE 'Asia/Shanghai')::int)
      INTO ms, ys FROM new_rows WHERE passed AND submitted_at IS NOT NULL;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(member_id), array_agg(extract(year FROM submitted_at AT TIME ZONE 'Asia/Shanghai')::int)
      INTO ms, ys FROM old_rows WHERE passed AND submitted_at IS NOT NULL;
  ELSE
    SELECT array_agg(x.member_id), array_agg(extract(year FROM x.submitted_at AT TIME ZONE 'Asia/Shanghai')::int)
      INTO ms, ys
      FROM new_rows n JOIN old_rows o ON o.id = n.id
     CROSS JOIN LATERAL (VALUES (n.member_id, n.submitted_at, n.passed),
                                (o.member_id, o.submitted_at, o.passed)) x (member_id, submitted_at, passed)
     WHERE (n.member_id, n.submitted_at, n.passed, n.org_path)
           IS DISTINCT FROM (o.member_id, o.submitted_at, o.passed, o.org_path)
       AND x.passed AND x.submitted_at IS NOT NULL;
  END IF;
  IF ms IS NOT NULL THEN
    PERFORM refresh_member_year_passes(ms, ys);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER study_attempts_year_passes_insert AFTER INSERT ON study_attempts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION member_year_passes_track();
CREATE TRIGGER study_attempts_year_passes_update AFTER UPDATE ON study_attempts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_year_passes_track();
CREATE TRIGGER study_attempts_year_passes_delete AFTER DELETE ON study_attempts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION member_year_passes_track();

-- The pairs a statement on review_meetings touches: the orgs and years of branch_life meetings
-- before and after it.
CREATE FUNCTION branch_year_meetings_track_meetings() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  os bigint[];
  ys integer[];
BEGIN
  IF current_setting('wanggui.org_move', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(org_id), array_agg(extract(year FROM held_on)::int) INTO os, ys
      FROM new_rows WHERE kind = 'branch_life';
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(org_id), array_agg(extract(year FROM held_on)::int) INTO os, ys
      FROM old_rows WHERE kind = 'branch_life';
  ELSE
    SELECT array_agg(x.org_id), array_agg(extract(year FROM x.held_on)::int) INTO os, ys
      FROM new_rows n JOIN old_rows o ON o.id = n.id
     CROSS JOIN LATERAL (VALUES (n.org_id, n.kind, n.held_on), (o.org_id, o.kind, o.held_on))
           x (org_id, kind, held_on)
     WHERE (n.org_id, n.kind, n.held_on) IS DISTINCT FROM (o.org_id, o.kind, o.held_on)
       AND x.kind = 'branch_life';
  END IF;
  IF os IS NOT NULL THEN
    PERFORM refresh_branch_year_meetings(os, ys);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER review_meetings_branch_years_insert AFTER INSERT ON review_meetings
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION branch_year_meetings_track_meetings();
CREATE TRIGGER review_meetings_branch_years_update AFTER UPDATE ON review_meetings
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION branch_year_meetings_track_meetings();
CREATE TRIGGER review_meetings_branch_years_delete AFTER DELETE ON review_meetings
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION branch_year_meetings_track_meetings();

-- An org archived, restored or of another kind: every year it has meetings in, or was counted in.
CREATE FUNCTION branch_year_meetings_track_orgs() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  os bigint[];
  ys integer[];
BEGIN
  IF current_setting('wanggui.org_move', true) = 'on' THEN
    RETURN NULL;
  END IF;
  SELECT array_agg(k.org_id), array_agg(k.year) INTO os, ys FROM (
    SELECT r.org_id, extract(year FROM r.held_on)::int AS year
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      JOIN review_meetings r ON r.org_id = n.id AND r.kind = 'branch_life'
     WHERE (n.kind, n.archived_at IS NULL) IS DISTINCT FROM (o.kind, o.archived_at IS NULL)
    UNION
    SELECT b.org_id, b.year
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      JOIN branch_year_meetings b ON b.org_id = n.id
     WHERE (n.kind, n.archived_at IS NULL) IS DISTINCT FROM (o.kind, o.archived_at IS NULL)) k;
  IF os IS NOT NULL THEN
    PERFORM refresh_branch_year_meetings(os, ys);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER orgs_branch_years_update AFTER UPDATE ON orgs
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION branch_year_meetings_track_orgs();

-- Branches standing: a state counted in the month the branch was created, with orgs' own
-- rollup triggers (0037's static form; the branches already there counted once).
CREATE FUNCTION rollup_contrib_branch(
  id bigint, kind text, archived_at timestamptz, created_at timestamptz)
  RETURNS TABLE (org_id bigint, metric text, month date, delta integer) LANGUAGE sql IMMUTABLE
  AS $$
    SELECT $1, 'branches', cn_month($4), 1 WHERE $2 = 'branch' AND $3 IS NULL
  $$;

SELECT install_rollup_source('orgs'::regclass,
  'rollup_contrib_branch(r.id, r.kind, r.archived_at, r.created_at)');

-- The pairs already there, counted once: 1.2 s on bench/province.ts's 20,000-member province
-- (about 10,000 member-years, 1,000 orgs), so minutes at 5,000,000 members.
SELECT refresh_member_year_passes(array_agg(member_id), array_agg(year))
  FROM (SELECT DISTINCT member_id,
               extract(year FROM submitted_at AT TIME ZONE 'Asia/Shanghai')::int AS year
          FROM study_attempts WHERE passed AND submitted_at IS NOT NULL) k
HAVING count(*) > 0;
SELECT refresh_branch_year_meetings(array_agg(org_id), array_agg(year))
  FROM (SELECT DISTINCT org_id, extract(year FROM held_on)::int AS year
          FROM review_meetings WHERE kind = 'branch_life') k
HAVING count(*) > 0;
