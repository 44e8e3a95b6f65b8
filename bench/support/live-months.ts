import type { TrendMonth } from "../../server/src/modules/dashboards/dashboards.schemas.ts";
import type { Queryable } from "../../server/src/platform/db/pool.ts";

type Delta = { metric: string; month: string | null; n: number };

/** The months of the five sources the live queries count, in the trends route's shape. */
export type LiveMonth = Pick<
  TrendMonth,
  | "month"
  | "members"
  | "examPassed"
  | "meetingsHeld"
  | "rectificationsOpened"
  | "rectificationsClosed"
>;

/** A trends read cut to what the live queries count, to compare the two. */
export const liveShape = (months: TrendMonth[]): LiveMonth[] =>
  months.map((m) => ({
    month: m.month,
    members: m.members,
    examPassed: m.examPassed,
    meetingsHeld: m.meetingsHeld,
    rectificationsOpened: m.rectificationsOpened,
    rectificationsClosed: m.rectificationsClosed,
  }));

/**
 * A year's twelve months in the trends route's shape, from per-metric deltas by month ("before"
 * rows, month null, are the members who joined or left before the year: the opening level).
 */
function twelve(rows: Delta[], year: number): LiveMonth[] {
  const sum = (metric: string, month: string | null) =>
    rows.filter((r) => r.metric === metric && r.month === month).reduce((s, r) => s + r.n, 0);
  let members = sum("members", null);
  const months: LiveMonth[] = [];
  for (let m = 1; m <= 12; m++) {
    const month = `${year}-${String(m).padStart(2, "0")}`;
    members += sum("members", month);
    months.push({
      month,
      members,
      examPassed: sum("exam_passed", month),
      meetingsHeld: sum("meetings_held", month),
      rectificationsOpened: sum("rect_opened", month),
      rectificationsClosed: sum("rect_closed", month),
    });
  }
  return months;
}

/**
 * The five sources as (metric, month, ±1) over the subtree's rows. `from` names a source table
 * with its alias and whatever join picks the subtree; `within` is the matching condition.
 * Months as the dashboards define them (Beijing time).
 */
function events(from: (table: string, alias: string) => string, within: (alias: string) => string) {
  return `
  SELECT 'members' AS metric, date_trunc('month', m.joined_on)::date AS month, 1 AS d
    FROM ${from("members", "m")} WHERE ${within("m")}
  UNION ALL
  SELECT 'members', cn_month(m.archived_at), -1
    FROM ${from("members", "m")} WHERE ${within("m")} AND m.archived_at IS NOT NULL
  UNION ALL
  SELECT 'exam_passed', cn_month(a.submitted_at), 1
    FROM ${from("study_attempts", "a")} WHERE ${within("a")}
     AND a.passed AND a.submitted_at >= $2::date AND a.submitted_at < $3::date
  UNION ALL
  SELECT 'meetings_held', date_trunc('month', r.held_on)::date, 1
    FROM ${from("review_meetings", "r")} WHERE ${within("r")}
     AND r.kind = 'branch_life' AND r.held_on >= $2::date AND r.held_on < $3::date
  UNION ALL
  SELECT 'rect_opened', cn_month(i.created_at), 1
    FROM ${from("rectification_items", "i")} WHERE ${within("i")}
     AND i.created_at >= $2::date AND i.created_at < $3::date
  UNION ALL
  SELECT 'rect_closed', cn_month(i.closed_at), 1
    FROM ${from("rectification_items", "i")} WHERE ${within("i")}
     AND i.status = 'closed' AND i.closed_at >= $2::date AND i.closed_at < $3::date`;
}

const GROUPED = `
  SELECT metric, CASE WHEN month < $2::date THEN NULL ELSE to_char(month, 'YYYY-MM') END AS month,
         sum(d)::int AS n
    FROM ev WHERE month < $3::date GROUP BY 1, 2`;

const bounds = (year: number) => [`${year}-01-01`, `${year + 1}-01-01`];

/**
 * The twelve months counted live, the subtree found by a recursive CTE over parent ids: what a
 * schema without materialized paths has to do on every dashboard read.
 */
export async function liveByRecursiveCte(
  db: Queryable,
  orgId: number,
  year: number,
): Promise<LiveMonth[]> {
  const result = await db.query<Delta>(
    `WITH RECURSIVE sub AS (
       SELECT id, path FROM orgs WHERE id = $1
       UNION ALL
       SELECT o.id, o.path FROM orgs o JOIN sub ON o.parent_id = sub.id),
     ev AS (${events(
       // Attempts carry no org id, only the path.
       (t, a) =>
         t === "study_attempts"
           ? `${t} ${a} JOIN sub ON ${a}.org_path = sub.path`
           : `${t} ${a} JOIN sub ON ${a}.org_id = sub.id`,
       () => "true",
     )})
     ${GROUPED}`,
    [orgId, ...bounds(year)],
  );
  return twelve(result.rows, year);
}

/**
 * The twelve months counted live over the sources' own `org_path` (ltree `<@`, each table's GiST
 * index): what the dashboards did before the rollups.
 */
export async function liveByLtree(
  db: Queryable,
  orgPath: string,
  year: number,
): Promise<LiveMonth[]> {
  const scoped = events(
    (t, a) => `${t} ${a}`,
    (a) => `${a}.org_path <@ $1::ltree`,
  );
  const result = await db.query<Delta>(`WITH ev AS (${scoped}) ${GROUPED}`, [
    orgPath,
    ...bounds(year),
  ]);
  return twelve(result.rows, year);
}
