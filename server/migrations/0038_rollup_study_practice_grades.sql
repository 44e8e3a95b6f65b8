-- The last rollup sources of issue 14 (ADR 0026): 每日一练 days completed, study campaigns
-- completed by members, and the grades of 民主评议 rounds standing closed. Months are Beijing time.

-- Counts a source's rows as they stand under one contribution, as facts the next fold takes up:
-- what install_rollup_source does after writing the triggers, and what a new metric of a
-- source that already has its triggers needs for the rows it had before.
CREATE FUNCTION count_rollup_rows(target regclass, contrib text)
  RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format(
    'INSERT INTO rollup_facts (org_id, org_path, metric, month, delta)
     SELECT c.org_id, o.path, c.metric, c.month, sum(c.delta)::int
       FROM %s r, %s c JOIN orgs o ON o.id = c.org_id
      GROUP BY c.org_id, o.path, c.metric, c.month HAVING sum(c.delta) <> 0',
    target, contrib);
END $$;

CREATE OR REPLACE FUNCTION install_rollup_source(target regclass, contrib text)
  RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM install_rollup_source_static(target, contrib);
  PERFORM count_rollup_rows(target, contrib);
END $$;

-- A 每日一练 day counts once it is completed (every question of the day answered), in the
-- month of its day (already a Beijing date), under the org the member practised in: the
-- member-days a streak is made of. A day opened and left half done is not practice done.
CREATE FUNCTION rollup_contrib_practice_day(org_path ltree, day date, completed boolean)
  RETURNS TABLE (org_id bigint, metric text, month date, delta integer) LANGUAGE sql STABLE
  AS $$
    SELECT o.id, 'practice_days', date_trunc('month', $2)::date, 1
      FROM orgs o WHERE o.path = $1 AND $3
  $$;

SELECT install_rollup_source('study_practice_days'::regclass,
  'rollup_contrib_practice_day(r.org_path, r.day, r.completed)');

-- A member completes a campaign with their first passed attempt at it (the results page's
-- 「已通过」): counted once per campaign and member, in the month of that attempt's submission,
-- under the org of the attempt, however many attempts pass later. Reads the member's earlier
-- attempts, which are final by then: attempts are made one at a time in attempt_no order and
-- never changed once submitted (ADR 0026 says what a statement must not do for this to hold).
CREATE FUNCTION rollup_contrib_campaign_completion(
  campaign_id bigint, member_id bigint, attempt_no integer,
  org_path ltree, passed boolean, submitted_at timestamptz)
  RETURNS TABLE (org_id bigint, metric text, month date, delta integer) LANGUAGE sql STABLE
  AS $$
    SELECT o.id, 'campaigns_completed', cn_month($6), 1
      FROM orgs o
     WHERE o.path = $4 AND $5 AND $6 IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM study_attempts p
                        WHERE p.campaign_id = $1 AND p.member_id = $2 AND p.attempt_no < $3
                          AND p.passed)
  $$;

CREATE FUNCTION rollup_contrib_study_attempt(
  campaign_id bigint, member_id bigint, attempt_no integer,
  org_path ltree, passed boolean, submitted_at timestamptz)
  RETURNS TABLE (org_id bigint, metric text, month date, delta integer) LANGUAGE sql STABLE
  AS $$
    SELECT * FROM rollup_contrib_attempt($4, $5, $6)
    UNION ALL
    SELECT * FROM rollup_contrib_campaign_completion($1, $2, $3, $4, $5, $6)
  $$;

SELECT install_rollup_source_static('study_attempts'::regclass,
  'rollup_contrib_study_attempt(r.campaign_id, r.member_id, r.attempt_no, r.org_path, r.passed,
                                r.submitted_at)');
-- exam_passed was counted by 0034; only the completions of the attempts already there are new.
SELECT count_rollup_rows('study_attempts'::regclass,
  'rollup_contrib_campaign_completion(r.campaign_id, r.member_id, r.attempt_no, r.org_path,
                                      r.passed, r.submitted_at)');

-- 民主评议 grades: each member the organization has graded, one metric per grade, under the
-- org of the round in the month it closed, while the round stands closed, as
-- evaluations_closed. A grade depends on two tables, so both count it, each reading the
-- other as it stands: a decision changes a subject (its round unchanged), a close or a
-- restart changes the round (its subjects unchanged), and both take the round's row lock
-- first (round-access.ts), so neither reads the other's table before the other commits.
CREATE FUNCTION rollup_contrib_evaluation_grade(round_id bigint, final_grade text)
  RETURNS TABLE (org_id bigint, metric text, month date, delta integer) LANGUAGE sql STABLE
  AS $$
    SELECT r.org_id, 'grade_' || $2, cn_month(r.closed_at), 1
      FROM evaluation_rounds r
     WHERE r.id = $1 AND $2 IS NOT NULL AND r.status = 'closed' AND r.closed_at IS NOT NULL
  $$;

CREATE FUNCTION rollup_contrib_evaluation_round_graded(
  id bigint, org_id bigint, status text, closed_at timestamptz)
  RETURNS TABLE (org_id bigint, metric text, month date, delta integer) LANGUAGE sql STABLE
  AS $$
    SELECT * FROM rollup_contrib_evaluation_round($2, $3, $4)
    UNION ALL
    SELECT $2, 'grade_' || s.final_grade, cn_month($4), count(*)::int
      FROM evaluation_subjects s
     WHERE s.round_id = $1 AND s.final_grade IS NOT NULL AND $3 = 'closed' AND $4 IS NOT NULL
     GROUP BY s.final_grade
  $$;

-- The subjects count the grades already given; the rounds' new triggers count nothing again.
SELECT install_rollup_source('evaluation_subjects'::regclass,
  'rollup_contrib_evaluation_grade(r.round_id, r.final_grade)');
SELECT install_rollup_source_static('evaluation_rounds'::regclass,
  'rollup_contrib_evaluation_round_graded(r.id, r.org_id, r.status, r.closed_at)');
