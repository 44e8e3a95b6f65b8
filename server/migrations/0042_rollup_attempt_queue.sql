-- The exam submission's rollup work moves to the fold (issue 10, ADR 0026). Two statement-level
-- triggers ran in every submission's transaction: the rollup facts of the update (new minus
-- old, through rollup_contrib_study_attempt) and the member-year pass refresh (0041). Measured
-- in the exam rush they halved the rate of submissions against the bare two-row transaction.
-- An update that changes what an attempt counts for now appends one row to
-- rollup_attempt_changes (its old and new images, the org resolved by path at that moment, as
-- the triggers did), and the fold turns the queue into the same facts and refreshes the same
-- pairs, under the rollups lock, before it folds. The dashboards read folded totals only, so
-- they see what they saw before: the totals as of the last fold.
-- The contribution of an image is computed at fold time by the same function; the campaign
-- completion reads the member's earlier attempts then, which is the same as at the change
-- because submitted attempts are never changed (ADR 0026, "What campaign completed means").
-- Inserts and deletes keep their triggers: a start counts for nothing and nothing deletes
-- attempts in the hot path. Org moves skip the queue as they skipped the triggers.

CREATE TABLE rollup_attempt_changes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  old_campaign bigint NOT NULL,
  old_attempt_no integer NOT NULL,
  old_member bigint NOT NULL,
  old_org bigint,
  old_passed boolean,
  old_submitted timestamptz,
  new_campaign bigint NOT NULL,
  new_attempt_no integer NOT NULL,
  new_member bigint NOT NULL,
  new_org bigint,
  new_passed boolean,
  new_submitted timestamptz
);

CREATE FUNCTION rollup_queue_attempt_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('wanggui.org_move', true) = 'on' THEN
    RETURN NULL;
  END IF;
  INSERT INTO rollup_attempt_changes (old_campaign, old_attempt_no, old_member, old_org, old_passed,
                                      old_submitted, new_campaign, new_attempt_no, new_member,
                                      new_org, new_passed, new_submitted)
  VALUES (OLD.campaign_id, OLD.attempt_no, OLD.member_id,
          (SELECT id FROM orgs WHERE path = OLD.org_path), OLD.passed, OLD.submitted_at,
          NEW.campaign_id, NEW.attempt_no, NEW.member_id,
          (SELECT id FROM orgs WHERE path = NEW.org_path), NEW.passed, NEW.submitted_at);
  RETURN NULL;
END $$;

DROP TRIGGER study_attempts_rollup_update ON study_attempts;
DROP FUNCTION rollup_facts_study_attempts_update();
DROP TRIGGER study_attempts_year_passes_update ON study_attempts;

-- The columns both old triggers read; an autosave of answers changes none of them. The path
-- is compared as text: pg_dump writes this condition out with ltree's operator unqualified,
-- and a restore, which runs with an empty search_path, could not find it.
CREATE TRIGGER study_attempts_rollup_queue AFTER UPDATE ON study_attempts FOR EACH ROW
  WHEN ((OLD.campaign_id, OLD.member_id, OLD.attempt_no, OLD.org_path::text, OLD.passed,
         OLD.submitted_at)
        IS DISTINCT FROM
        (NEW.campaign_id, NEW.member_id, NEW.attempt_no, NEW.org_path::text, NEW.passed,
         NEW.submitted_at))
  EXECUTE FUNCTION rollup_queue_attempt_change();

-- Takes up to p_limit queued changes in id order, appends their facts (new image minus old, one
-- row per org, metric and month with a non-zero net) and refreshes the member-years they touch.
-- A range, not "id IN (… LIMIT)", for the reason foldFacts gives. Returns how many it took.
CREATE FUNCTION rollup_drain_attempt_changes(p_limit integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  n integer;
  ms bigint[];
  ys integer[];
BEGIN
  WITH bound AS (
    SELECT max(id) AS id FROM (SELECT id FROM rollup_attempt_changes ORDER BY id LIMIT p_limit) first),
  taken AS (
    DELETE FROM rollup_attempt_changes WHERE id <= (SELECT id FROM bound) RETURNING *),
  images AS (
    SELECT x.*
      FROM taken t
     CROSS JOIN LATERAL (
       VALUES (t.old_campaign, t.old_attempt_no, t.old_member, t.old_org, t.old_passed,
               t.old_submitted, -1),
              (t.new_campaign, t.new_attempt_no, t.new_member, t.new_org, t.new_passed,
               t.new_submitted, 1))
           x (campaign_id, attempt_no, member_id, org_id, passed, submitted_at, sign)),
  facts AS (
    INSERT INTO rollup_facts (org_id, org_path, metric, month, delta)
    SELECT k.org_id, o.path, k.metric, k.month, sum(i.sign * k.delta)::int
      FROM images i
      JOIN orgs io ON io.id = i.org_id
     CROSS JOIN LATERAL rollup_contrib_study_attempt(i.campaign_id, i.member_id, i.attempt_no,
                                                     io.path, i.passed, i.submitted_at) k
      JOIN orgs o ON o.id = k.org_id
     GROUP BY k.org_id, o.path, k.metric, k.month
    HAVING sum(i.sign * k.delta) <> 0
     ORDER BY k.org_id, k.metric, k.month
    RETURNING 1)
  SELECT (SELECT count(*) FROM taken)::int, array_agg(p.member_id), array_agg(p.year)
    INTO n, ms, ys
    FROM (SELECT DISTINCT member_id,
                 extract(year FROM submitted_at AT TIME ZONE 'Asia/Shanghai')::int AS year
            FROM images WHERE passed AND submitted_at IS NOT NULL) p;
  IF ms IS NOT NULL THEN
    PERFORM refresh_member_year_passes(ms, ys);
  END IF;
  RETURN n;
END $$;
