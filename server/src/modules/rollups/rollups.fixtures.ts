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
 * with ltree, by the definitions the dashboards state (not by migration 0034's functions).
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
         FROM rectification_items WHERE status = 'closed')
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
