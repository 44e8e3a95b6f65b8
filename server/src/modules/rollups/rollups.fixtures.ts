import type { Queryable } from "../../platform/db/pool.ts";

export interface TotalsRow {
  orgId: number;
  metric: string;
  month: string;
  own: number;
  subtree: number;
}

const sorted = (rows: TotalsRow[]) =>
  rows
    .filter((r) => r.own !== 0 || r.subtree !== 0)
    .sort(
      (a, b) =>
        a.orgId - b.orgId || a.metric.localeCompare(b.metric) || a.month.localeCompare(b.month),
    );

/**
 * Every org's own and subtree totals under `rootPath`, counted straight from the source rows
 * with ltree, by the definitions the dashboards state (not by the functions of migrations 0034,
 * 0036, 0038 and 0041).
 */
export async function directTotals(db: Queryable, rootPath: string): Promise<TotalsRow[]> {
  const result = await db.query<TotalsRow>(
    `WITH src AS (
       SELECT org_id, org_path, 'members' AS metric, date_trunc('month', joined_on)::date AS month,
              1 AS d FROM members
       UNION ALL
       SELECT org_id, org_path, 'members',
              date_trunc('month', archived_at AT TIME ZONE 'Asia/Shanghai')::date, -1
         FROM members WHERE archived_at IS NOT NULL
       UNION ALL
       SELECT o.id, a.org_path, 'exam_passed',
              date_trunc('month', a.submitted_at AT TIME ZONE 'Asia/Shanghai')::date, 1
         FROM study_attempts a JOIN orgs o ON o.path = a.org_path WHERE a.passed
       UNION ALL
       SELECT org_id, org_path, 'meetings_held', date_trunc('month', held_on)::date, 1
         FROM review_meetings WHERE kind = 'branch_life'
       UNION ALL
       SELECT org_id, org_path, 'rect_opened',
              date_trunc('month', created_at AT TIME ZONE 'Asia/Shanghai')::date, 1
         FROM rectification_items
       UNION ALL
       SELECT org_id, org_path, 'rect_closed',
              date_trunc('month', closed_at AT TIME ZONE 'Asia/Shanghai')::date, 1
         FROM rectification_items WHERE status = 'closed'
       UNION ALL
       SELECT o.id, s.org_path, 'self_reviews_submitted',
              date_trunc('month', s.submitted_at AT TIME ZONE 'Asia/Shanghai')::date, 1
         FROM self_reviews s JOIN orgs o ON o.path = s.org_path WHERE s.status = 'submitted'
       UNION ALL
       SELECT o.id, s.org_path, 'self_reviews_returned',
              date_trunc('month', s.returned_at AT TIME ZONE 'Asia/Shanghai')::date, 1
         FROM self_reviews s JOIN orgs o ON o.path = s.org_path WHERE s.status = 'returned'
       UNION ALL
       SELECT org_id, org_path, 'evaluations_closed',
              date_trunc('month', closed_at AT TIME ZONE 'Asia/Shanghai')::date, 1
         FROM evaluation_rounds WHERE status = 'closed'
       UNION ALL
       SELECT c.org_id, c.org_path, 'declarations',
              date_trunc('month', d.created_at AT TIME ZONE 'Asia/Shanghai')::date, 1
         FROM registry_declarations d JOIN registry_declaration_campaigns c ON c.id = d.campaign_id
       UNION ALL
       SELECT org_id, org_path, 'reports_received', date_trunc('month', opened_on)::date, 1
         FROM cases WHERE case_type = 'report' AND erased_on IS NULL
       UNION ALL
       SELECT org_id, org_path, 'discipline_opened', date_trunc('month', opened_on)::date, 1
         FROM cases WHERE case_type = 'discipline' AND erased_on IS NULL
       UNION ALL
       SELECT org_id, org_path, 'discipline_closed', date_trunc('month', closed_on)::date, 1
         FROM cases WHERE case_type = 'discipline' AND erased_on IS NULL AND closed_on IS NOT NULL
       UNION ALL
       SELECT o.id, k.org_path, 'commendations', date_trunc('month', k.approved_on)::date, 1
         FROM commendations k JOIN orgs o ON o.path = k.org_path WHERE k.state = 'approved'
       UNION ALL
       SELECT org_id, org_path, 'campaigns_published',
              date_trunc('month', published_at AT TIME ZONE 'Asia/Shanghai')::date, 1
         FROM study_campaigns WHERE status IN ('published', 'closed')
       UNION ALL
       SELECT o.id, d.org_path, 'practice_days', date_trunc('month', d.day)::date, 1
         FROM study_practice_days d JOIN orgs o ON o.path = d.org_path WHERE d.completed
       UNION ALL
       -- A campaign completed: the member's first passed attempt at it, wherever it was sat.
       SELECT o.id, a.org_path, 'campaigns_completed',
              date_trunc('month', a.submitted_at AT TIME ZONE 'Asia/Shanghai')::date, 1
         FROM (SELECT DISTINCT ON (campaign_id, member_id) * FROM study_attempts WHERE passed
                ORDER BY campaign_id, member_id, submitted_at, attempt_no) a
         JOIN orgs o ON o.path = a.org_path
       UNION ALL
       SELECT r.org_id, r.org_path, 'grade_' || s.final_grade,
              date_trunc('month', r.closed_at AT TIME ZONE 'Asia/Shanghai')::date, 1
         FROM evaluation_subjects s JOIN evaluation_rounds r ON r.id = s.round_id
        WHERE r.status = 'closed' AND s.final_grade IS NOT NULL
       UNION ALL
       -- A member who passed in a year: once, where and when they first passed in it.
       SELECT o.id, a.org_path, 'members_passed',
              date_trunc('month', a.submitted_at AT TIME ZONE 'Asia/Shanghai')::date, 1
         FROM (SELECT DISTINCT ON (member_id, extract(year FROM submitted_at AT TIME ZONE 'Asia/Shanghai'))
                      * FROM study_attempts WHERE passed
                ORDER BY member_id, extract(year FROM submitted_at AT TIME ZONE 'Asia/Shanghai'),
                         submitted_at, id) a
         JOIN orgs o ON o.path = a.org_path
       UNION ALL
       SELECT id, path, 'branches', date_trunc('month', created_at AT TIME ZONE 'Asia/Shanghai')::date, 1
         FROM orgs WHERE kind = 'branch' AND archived_at IS NULL
       UNION ALL
       -- A branch standing that met in a year: once, in the month of its first meeting of it.
       SELECT o.id, o.path, 'branches_met', date_trunc('month', min(m.held_on))::date, 1
         FROM orgs o JOIN review_meetings m ON m.org_id = o.id AND m.kind = 'branch_life'
        WHERE o.kind = 'branch' AND o.archived_at IS NULL
        GROUP BY o.id, o.path, extract(year FROM m.held_on))
     SELECT a.id::int AS "orgId", s.metric, to_char(s.month, 'YYYY-MM') AS month,
            (coalesce(sum(s.d) FILTER (WHERE s.org_id = a.id), 0))::int AS own,
            sum(s.d)::int AS subtree
       FROM orgs a JOIN src s ON s.org_path <@ a.path
      WHERE a.path <@ $1::ltree
      GROUP BY a.id, s.metric, s.month`,
    [rootPath],
  );
  return sorted(result.rows);
}

/** The folded totals of every org under `rootPath`, as the rollup table holds them. */
export async function foldedTotals(db: Queryable, rootPath: string): Promise<TotalsRow[]> {
  const result = await db.query<TotalsRow>(
    `SELECT org_id::int AS "orgId", metric, to_char(month, 'YYYY-MM') AS month,
            own::int AS own, subtree::int AS subtree
       FROM org_rollups WHERE org_path <@ $1::ltree`,
    [rootPath],
  );
  return sorted(result.rows);
}
