import type { Queryable } from "../../../platform/db/pool.ts";

export interface OversightRow {
  orgId: number;
  orgName: string;
  meetings: number;
  lastMeetingOn: string | null;
  selfReviews: number;
  submitted: number;
  rectificationsOpen: number;
  rectificationsOverdue: number;
  followupsOpen: number;
  grades: {
    excellent: number;
    competent: number;
    basically_competent: number;
    incompetent: number;
  };
}

/**
 * One row per branch of the year: meetings held, self-reviews submitted of those due,
 * rectification items open and overdue, and the final grades of its evaluation. Each
 * figure is one indexed subtree predicate per branch; a committee has tens of branches.
 */
export async function oversightRows(
  db: Queryable,
  branches: { id: number; name: string; path: string }[],
  year: number,
): Promise<OversightRow[]> {
  const result = await db.query<OversightRow>(
    `SELECT b.id AS "orgId", b.name AS "orgName",
            (SELECT count(*)::int FROM review_meetings m
              WHERE m.org_path <@ b.path AND extract(year FROM m.held_on) = $4) AS meetings,
            (SELECT max(m.held_on) FROM review_meetings m
              WHERE m.org_path <@ b.path AND extract(year FROM m.held_on) = $4) AS "lastMeetingOn",
            (SELECT count(*)::int FROM self_reviews s JOIN review_meetings m ON m.id = s.meeting_id
              WHERE s.org_path <@ b.path AND extract(year FROM m.held_on) = $4) AS "selfReviews",
            (SELECT count(*)::int FROM self_reviews s JOIN review_meetings m ON m.id = s.meeting_id
              WHERE s.org_path <@ b.path AND extract(year FROM m.held_on) = $4
                AND s.status = 'submitted') AS submitted,
            (SELECT count(*)::int FROM rectification_items x
              WHERE x.org_path <@ b.path AND x.status = 'open') AS "rectificationsOpen",
            (SELECT count(*)::int FROM rectification_items x
              WHERE x.org_path <@ b.path AND x.status = 'open' AND x.due_on < cn_today())
              AS "rectificationsOverdue",
            (SELECT count(*)::int FROM evaluation_followups f
              WHERE f.org_path <@ b.path AND f.status = 'open') AS "followupsOpen",
            (SELECT json_build_object(
                'excellent', count(*) FILTER (WHERE e.final_grade = 'excellent'),
                'competent', count(*) FILTER (WHERE e.final_grade = 'competent'),
                'basically_competent', count(*) FILTER (WHERE e.final_grade = 'basically_competent'),
                'incompetent', count(*) FILTER (WHERE e.final_grade = 'incompetent'))
               FROM evaluation_subjects e JOIN evaluation_rounds r ON r.id = e.round_id
              WHERE r.org_path <@ b.path AND r.year = $4) AS grades
       FROM unnest($1::bigint[], $2::text[], $3::ltree[]) WITH ORDINALITY AS b(id, name, path, n)
      ORDER BY b.n`,
    [branches.map((b) => b.id), branches.map((b) => b.name), branches.map((b) => b.path), year],
  );
  return result.rows;
}
