import type { Queryable } from "../../platform/db/pool.ts";

export interface SubordinateRow {
  id: number;
  name: string;
  kind: string;
  members: number;
  passed: number;
  branches: number;
  branches_without_meeting: number;
  rect_open: number;
  rect_overdue: number;
}

/**
 * For each direct, unarchived child of the org at `parentId`, totals over the child's whole
 * subtree in one pass per source, each on that source's org_path index: members, members who
 * passed an exam in the year, branches and those with no 组织生活会 held in the year, and
 * rectifications open and overdue. Aggregates only; nobody is named.
 */
export async function subordinateFacts(
  db: Queryable,
  q: { parentId: number; yearStart: string; yearEnd: string },
): Promise<SubordinateRow[]> {
  const result = await db.query<SubordinateRow>(
    `WITH kids AS (
       SELECT id, name, kind, path FROM orgs WHERE parent_id = $1 AND archived_at IS NULL),
     mem AS (
       SELECT k.id, count(*)::int AS n FROM kids k
         JOIN members m ON m.org_path <@ k.path AND m.archived_at IS NULL GROUP BY k.id),
     passed AS (
       SELECT k.id, count(DISTINCT a.member_id)::int AS n FROM kids k
         JOIN study_attempts a ON a.org_path <@ k.path AND a.passed
          AND a.submitted_at >= $2::date AND a.submitted_at < $3::date
        GROUP BY k.id),
     branch AS (
       SELECT k.id, count(*)::int AS n,
              count(*) FILTER (WHERE NOT EXISTS (
                SELECT 1 FROM review_meetings r
                 WHERE r.org_id = b.id AND r.kind = 'branch_life'
                   AND r.held_on >= $2::date AND r.held_on < $3::date))::int AS without
         FROM kids k JOIN orgs b ON b.path <@ k.path AND b.kind = 'branch' AND b.archived_at IS NULL
        GROUP BY k.id),
     rect AS (
       SELECT k.id, count(*)::int AS open,
              count(*) FILTER (WHERE x.due_on < cn_today())::int AS overdue
         FROM kids k JOIN rectification_items x ON x.org_path <@ k.path AND x.status = 'open'
        GROUP BY k.id)
     SELECT k.id, k.name, k.kind,
            coalesce(mem.n, 0) AS members, coalesce(passed.n, 0) AS passed,
            coalesce(branch.n, 0) AS branches,
            coalesce(branch.without, 0) AS branches_without_meeting,
            coalesce(rect.open, 0) AS rect_open, coalesce(rect.overdue, 0) AS rect_overdue
       FROM kids k
       LEFT JOIN mem USING (id) LEFT JOIN passed USING (id)
       LEFT JOIN branch USING (id) LEFT JOIN rect USING (id)`,
    [q.parentId, q.yearStart, q.yearEnd],
  );
  return result.rows.map((r) => ({ ...r, id: Number(r.id) }));
}
