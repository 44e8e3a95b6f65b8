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
 * subtree, read by key from the rollups (ADR 0026, as of the last fold): members on the roster,
 * members who passed an exam in the year (each once, where they first passed in it), branches
 * and those of them that held a 组织生活会 in the year. Rectifications open and overdue are
 * counted live over open items only (a state of today; few rows, on a partial index).
 * Aggregates only; nobody is named.
 */
export async function subordinateFacts(
  db: Queryable,
  q: { parentId: number; yearStart: string; yearEnd: string },
): Promise<SubordinateRow[]> {
  const result = await db.query<SubordinateRow>(
    `WITH kids AS (
       SELECT id, name, kind, path FROM orgs WHERE parent_id = $1 AND archived_at IS NULL),
     -- A stock (members, branches) is its deltas summed over all months; a year's distinct
     -- count (members_passed, branches_met) its deltas summed over the year's months.
     roll AS (
       SELECT k.id,
              sum(r.subtree) FILTER (WHERE r.metric = 'members') AS members,
              sum(r.subtree) FILTER (WHERE r.metric = 'branches') AS branches,
              sum(r.subtree) FILTER (WHERE r.metric = 'members_passed'
                                       AND r.month >= $2::date AND r.month < $3::date) AS passed,
              sum(r.subtree) FILTER (WHERE r.metric = 'branches_met'
                                       AND r.month >= $2::date AND r.month < $3::date) AS met
         FROM kids k
         JOIN org_rollups r ON r.org_id = k.id
          AND r.metric IN ('members', 'branches', 'members_passed', 'branches_met')
        GROUP BY k.id),
     rect AS (
       SELECT k.id, count(*)::int AS open,
              count(*) FILTER (WHERE x.due_on < cn_today())::int AS overdue
         FROM kids k JOIN rectification_items x ON x.org_path <@ k.path AND x.status = 'open'
        GROUP BY k.id)
     SELECT k.id, k.name, k.kind,
            coalesce(roll.members, 0)::int AS members, coalesce(roll.passed, 0)::int AS passed,
            coalesce(roll.branches, 0)::int AS branches,
            (coalesce(roll.branches, 0) - coalesce(roll.met, 0))::int AS branches_without_meeting,
            coalesce(rect.open, 0) AS rect_open, coalesce(rect.overdue, 0) AS rect_overdue
       FROM kids k LEFT JOIN roll USING (id) LEFT JOIN rect USING (id)`,
    [q.parentId, q.yearStart, q.yearEnd],
  );
  return result.rows.map((r) => ({ ...r, id: Number(r.id) }));
}
