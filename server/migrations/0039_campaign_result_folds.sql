-- Folded campaign results (issue 10, ADR 0029): a campaign whose subtree is large has its
-- per-branch counts kept by the campaign_results_fold job, so its results page reads one row
-- per branch instead of grouping every attempt of the subtree. Nothing is added to the exam's
-- own writes: the job finds what changed from the attempts' ids, the members still in progress
-- and a queue of member moves and archivals (below), never from a trigger on study_attempts.

-- The campaigns being folded, and when each fold began: every change committed before then
-- is in the counts.
CREATE TABLE campaign_result_folds (
  campaign_id bigint PRIMARY KEY REFERENCES study_campaigns (id),
  folded_at timestamptz NOT NULL
);

-- What the fold last counted for each member who started a folded campaign: the member's org
-- and whether they were active then, and their status. The fold takes the old row off the
-- counts and adds the new one, so a move or an archival corrects both branches.
CREATE TABLE campaign_result_members (
  campaign_id bigint NOT NULL REFERENCES study_campaigns (id),
  member_id bigint NOT NULL REFERENCES members (id),
  org_id bigint NOT NULL REFERENCES orgs (id),
  active boolean NOT NULL,
  status text NOT NULL CHECK (status IN ('in_progress', 'passed', 'failed')),
  PRIMARY KEY (campaign_id, member_id)
);
-- A member's rows in every campaign, for the moves queue.
CREATE INDEX campaign_result_members_member ON campaign_result_members (member_id);
-- Only these can change without a new attempt (their open sitting is handed in or closed);
-- passed is final and failed changes only by a new attempt.
CREATE INDEX campaign_result_members_open ON campaign_result_members (campaign_id, member_id)
  WHERE status = 'in_progress';

-- Per campaign and branch: active members who started, and of them by status. Not started is
-- the branch's orgs.member_count less `started`. Keyed by org id, so a subtree move changes
-- nothing here: the read joins the orgs by their current paths.
CREATE TABLE campaign_result_counts (
  campaign_id bigint NOT NULL REFERENCES study_campaigns (id),
  org_id bigint NOT NULL REFERENCES orgs (id),
  started integer NOT NULL DEFAULT 0,
  in_progress integer NOT NULL DEFAULT 0,
  passed integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0,
  PRIMARY KEY (campaign_id, org_id)
) WITH (fillfactor = 80);
-- Every fold rewrites the rows of the branches it touched; room on the page keeps those updates
-- HOT (no counted column is indexed), so the key index does not grow with each fold.

-- Where the fold stands in study_attempts: every attempt with an id up to `settled` has been
-- counted. `pending` is the identity's value at the last fold and `pending_at` when it was
-- read: once no transaction older than pending_at is left, every id up to pending is either
-- committed and visible or rolled back, and settled moves up to it.
CREATE TABLE campaign_result_watermark (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  settled bigint NOT NULL DEFAULT 0,
  pending bigint NOT NULL DEFAULT 0,
  pending_at timestamptz NOT NULL DEFAULT '-infinity'
);
INSERT INTO campaign_result_watermark DEFAULT VALUES;

-- Members whose branch or archival changed, for the fold to recount in the campaigns they
-- started. Member writes are rare next to exam writes; no exam path updates members.
CREATE TABLE campaign_member_changes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id bigint NOT NULL
);
ALTER TABLE campaign_member_changes SET (autovacuum_vacuum_scale_factor = 0,
                                         autovacuum_vacuum_threshold = 1000);

CREATE FUNCTION campaign_member_changes_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO campaign_member_changes (member_id)
  SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
   WHERE n.org_id IS DISTINCT FROM o.org_id
      OR (n.archived_at IS NULL) IS DISTINCT FROM (o.archived_at IS NULL);
  RETURN NULL;
END $$;
CREATE TRIGGER members_campaign_changes AFTER UPDATE ON members
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION campaign_member_changes_record();
