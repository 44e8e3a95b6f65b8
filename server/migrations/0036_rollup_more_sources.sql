-- More rollup sources (issue 14, ADR 0026): self-reviews, 民主评议 rounds, declarations,
-- reports, discipline cases, commendations and study campaigns, each a contribution function
-- and one install_rollup_source call as in 0034; and the time of the last fold, so a dashboard
-- can say how current its totals are. Months are Beijing time.

-- When a self-review was last sent back: its status says only that it stands returned now.
ALTER TABLE self_reviews ADD COLUMN returned_at timestamptz;
UPDATE self_reviews SET returned_at = updated_at WHERE status = 'returned';

-- Self-reviews standing submitted, by the month of submission; standing returned (waiting for
-- the member to resubmit), by the month sent back. A return moves one from the first to the
-- second, a resubmission back.
CREATE FUNCTION rollup_contrib_self_review(
  org_path ltree, status text, submitted_at timestamptz, returned_at timestamptz)
  RETURNS TABLE (org_id bigint, metric text, month date, delta integer) LANGUAGE sql STABLE
  AS $$
    SELECT o.id, 'self_reviews_submitted', cn_month($3), 1
      FROM orgs o WHERE o.path = $1 AND $2 = 'submitted' AND $3 IS NOT NULL
    UNION ALL
    SELECT o.id, 'self_reviews_returned', cn_month($4), 1
      FROM orgs o WHERE o.path = $1 AND $2 = 'returned' AND $4 IS NOT NULL
  $$;

-- 民主评议 rounds standing closed, by the month closed (a reopened round leaves the count).
CREATE FUNCTION rollup_contrib_evaluation_round(org_id bigint, status text, closed_at timestamptz)
  RETURNS TABLE (org_id bigint, metric text, month date, delta integer) LANGUAGE sql IMMUTABLE
  AS $$
    SELECT org_id, 'evaluations_closed', cn_month(closed_at), 1
     WHERE status = 'closed' AND closed_at IS NOT NULL
  $$;

-- A declaration row is made with its first version, so it counts as submitted in that month,
-- under the org that ran the campaign (it never changes; the member may transfer later).
-- Parameters by position in the functions that read a table: a column of the same name
-- (the campaign's created_at) would win over the parameter.
CREATE FUNCTION rollup_contrib_declaration(campaign_id bigint, created_at timestamptz)
  RETURNS TABLE (org_id bigint, metric text, month date, delta integer) LANGUAGE sql STABLE
  AS $$
    SELECT c.org_id, 'declarations', cn_month($2), 1
      FROM registry_declaration_campaigns c WHERE c.id = $1
  $$;

-- Reports received and discipline cases opened by opened_on, discipline cases closed by
-- closed_on; a case erased at the end of its retention leaves the counts, as it leaves the
-- discipline statistics. Counts by org and month only: nothing of the filer or the subject.
CREATE FUNCTION rollup_contrib_case(
  org_id bigint, case_type text, opened_on date, closed_on date, erased_on date)
  RETURNS TABLE (org_id bigint, metric text, month date, delta integer) LANGUAGE sql IMMUTABLE
  AS $$
    SELECT org_id, 'reports_received', date_trunc('month', opened_on)::date, 1
     WHERE case_type = 'report' AND erased_on IS NULL
    UNION ALL
    SELECT org_id, 'discipline_opened', date_trunc('month', opened_on)::date, 1
     WHERE case_type = 'discipline' AND erased_on IS NULL
    UNION ALL
    SELECT org_id, 'discipline_closed', date_trunc('month', closed_on)::date, 1
     WHERE case_type = 'discipline' AND erased_on IS NULL AND closed_on IS NOT NULL
  $$;

CREATE FUNCTION rollup_contrib_commendation(org_path ltree, state text, approved_on date)
  RETURNS TABLE (org_id bigint, metric text, month date, delta integer) LANGUAGE sql STABLE
  AS $$
    SELECT o.id, 'commendations', date_trunc('month', $3)::date, 1
      FROM orgs o WHERE o.path = $1 AND $2 = 'approved' AND $3 IS NOT NULL
  $$;

-- Campaigns published (or since closed) by the month published; a withdrawn one leaves the
-- count, as it leaves the members' task lists.
CREATE FUNCTION rollup_contrib_campaign(org_id bigint, status text, published_at timestamptz)
  RETURNS TABLE (org_id bigint, metric text, month date, delta integer) LANGUAGE sql IMMUTABLE
  AS $$
    SELECT org_id, 'campaigns_published', cn_month(published_at), 1
     WHERE status IN ('published', 'closed') AND published_at IS NOT NULL
  $$;

SELECT install_rollup_source('self_reviews'::regclass,
  'rollup_contrib_self_review(r.org_path, r.status, r.submitted_at, r.returned_at)');
SELECT install_rollup_source('evaluation_rounds'::regclass,
  'rollup_contrib_evaluation_round(r.org_id, r.status, r.closed_at)');
SELECT install_rollup_source('registry_declarations'::regclass,
  'rollup_contrib_declaration(r.campaign_id, r.created_at)');
SELECT install_rollup_source('cases'::regclass,
  'rollup_contrib_case(r.org_id, r.case_type, r.opened_on, r.closed_on, r.erased_on)');
SELECT install_rollup_source('commendations'::regclass,
  'rollup_contrib_commendation(r.org_path, r.state, r.approved_on)');
SELECT install_rollup_source('study_campaigns'::regclass,
  'rollup_contrib_campaign(r.org_id, r.status, r.published_at)');

-- One row: when the fold last ran to the end of the queue. Every fact committed before then
-- is in the totals, so a dashboard shows the totals as of this time.
CREATE TABLE rollup_folds (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  folded_at timestamptz NOT NULL
);
