import type { Actor } from "../../platform/auth/actor.ts";
import type { Permission } from "../../platform/auth/permissions.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { scopeClause } from "../../platform/scope.ts";

/** The metrics the source triggers of migrations 0034, 0036, 0038 and 0041 record. */
export const METRICS = [
  "members",
  "exam_passed",
  "meetings_held",
  "rect_opened",
  "rect_closed",
  "self_reviews_submitted",
  "self_reviews_returned",
  "evaluations_closed",
  "declarations",
  "reports_received",
  "discipline_opened",
  "discipline_closed",
  "commendations",
  "campaigns_published",
  "practice_days",
  "campaigns_completed",
  "grade_excellent",
  "grade_competent",
  "grade_basically_competent",
  "grade_incompetent",
  "members_passed",
  "branches",
  "branches_met",
] as const;
export type Metric = (typeof METRICS)[number];

/**
 * One lock for the fold and the org move, taken first in each transaction: totals are moved
 * only while no fold is adding to them, and a fold that starts after a move reads the moved
 * paths. Taken before any org row lock, so neither waits for the other in a cycle.
 */
export async function lockRollups(tx: Queryable) {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('wanggui.rollups'))");
}

/**
 * Turns up to `limit` queued exam attempt changes into facts (migration 0042): the exam
 * submission only queues its change, so the rush does not pay for the rollups.
 */
export async function drainAttemptChanges(tx: Queryable, limit: number): Promise<number> {
  const result = await tx.query<{ n: number }>("SELECT rollup_drain_attempt_changes($1) AS n", [
    limit,
  ]);
  return result.rows[0]?.n ?? 0;
}

/**
 * Deletes up to `limit` pending facts in id order and adds them to the own total of their org
 * and the subtree total of the org and each of its ancestors, by the orgs' current paths.
 * Deleting and adding in one statement makes a fold happen once or not at all; a fact whose
 * transaction commits later, even with a smaller id, is simply taken by a later fold.
 */
export async function foldFacts(tx: Queryable, limit: number): Promise<number> {
  const result = await tx.query<{ folded: number }>(
    `WITH bound AS (
       SELECT max(id) AS id FROM (SELECT id FROM rollup_facts ORDER BY id LIMIT $1) first),
     batch AS (
       -- A range, not "id IN (… LIMIT)": the queue's statistics are always stale, and the
       -- planner then re-ran the LIMIT once per row (seconds for a few thousand facts).
       DELETE FROM rollup_facts WHERE id <= (SELECT id FROM bound)
       RETURNING org_id, metric, month, delta),
     own AS (
       SELECT org_id, metric, month, sum(delta)::bigint AS d FROM batch GROUP BY 1, 2, 3),
     up AS (
       SELECT a.id AS org_id, a.path, own.metric, own.month,
              coalesce(sum(own.d) FILTER (WHERE a.id = own.org_id), 0) AS own,
              sum(own.d) AS subtree
         FROM own JOIN orgs o ON o.id = own.org_id
        CROSS JOIN LATERAL generate_series(1, nlevel(o.path)) g (i)
         JOIN orgs a ON a.path = subpath(o.path, 0, g.i)
        GROUP BY a.id, a.path, own.metric, own.month),
     added AS (
       INSERT INTO org_rollups (org_id, org_path, metric, month, own, subtree)
       SELECT org_id, path, metric, month, own, subtree FROM up
        ORDER BY org_id, metric, month
       ON CONFLICT (org_id, metric, month) DO UPDATE
         SET own = org_rollups.own + EXCLUDED.own,
             subtree = org_rollups.subtree + EXCLUDED.subtree
       RETURNING 1)
     SELECT (SELECT count(*) FROM batch)::int AS folded`,
    [limit],
  );
  return result.rows[0]?.folded ?? 0;
}

/**
 * After the org at `oldPath` and its subtree moved under the org at `newParentPath` (paths
 * already rewritten), takes its subtree totals off the ancestors it left and adds them to the
 * ancestors it joined; ancestors common to both keep theirs. Needs lockRollups first.
 */
export async function moveSubtreeTotals(
  tx: Queryable,
  q: { orgId: number; oldPath: string; newParentPath: string },
) {
  await tx.query(
    `WITH moved AS (
       SELECT metric, month, subtree FROM org_rollups WHERE org_id = $1 AND subtree <> 0),
     old_parent AS (
       SELECT subpath($2::ltree, 0, nlevel($2::ltree) - 1) AS path WHERE nlevel($2::ltree) > 1),
     left_behind AS (
       SELECT o.id, o.path FROM orgs o, old_parent p
        WHERE o.path @> p.path AND NOT o.path @> $3::ltree),
     joined AS (
       SELECT o.id, o.path FROM orgs o
        WHERE o.path @> $3::ltree
          AND NOT EXISTS (SELECT 1 FROM old_parent p WHERE o.path @> p.path))
     INSERT INTO org_rollups (org_id, org_path, metric, month, subtree)
     SELECT id, path, metric, month, sum(d) FROM (
       SELECT a.id, a.path, m.metric, m.month, -m.subtree AS d FROM left_behind a, moved m
       UNION ALL
       SELECT a.id, a.path, m.metric, m.month, m.subtree FROM joined a, moved m) x
      GROUP BY id, path, metric, month
      ORDER BY id, metric, month
     ON CONFLICT (org_id, metric, month) DO UPDATE
       SET subtree = org_rollups.subtree + EXCLUDED.subtree`,
    [q.orgId, q.oldPath, q.newParentPath],
  );
}

export interface RollupRow {
  metric: Metric;
  month: string;
  own: number;
  subtree: number;
}

/**
 * The org's folded totals for the months in [from, to), by key, where the org lies in the
 * caller's scope for `permission`; and in `before`, each metric's subtree total over all
 * months before `from` (the opening level of a stock such as members).
 */
export async function readRollups(
  db: Queryable,
  actor: Actor,
  permission: Permission,
  q: { orgId: number; from: string; to: string },
): Promise<{ rows: RollupRow[]; before: Record<string, number> }> {
  const params: unknown[] = [q.orgId, q.from, q.to];
  const scope = scopeClause(actor, permission, "r.org_path", params);
  const result = await db.query<{
    metric: Metric;
    month: string | null;
    own: string;
    subtree: string;
  }>(
    `SELECT r.metric, to_char(r.month, 'YYYY-MM') AS month, r.own::text, r.subtree::text
       FROM org_rollups r
      WHERE r.org_id = $1 AND r.month >= $2::date AND r.month < $3::date AND ${scope}
     UNION ALL
     SELECT r.metric, NULL, '0', sum(r.subtree)::text
       FROM org_rollups r
      WHERE r.org_id = $1 AND r.month < $2::date AND ${scope}
      GROUP BY r.metric`,
    params,
  );
  const rows: RollupRow[] = [];
  const before: Record<string, number> = {};
  for (const r of result.rows) {
    if (r.month === null) before[r.metric] = Number(r.subtree);
    else
      rows.push({
        metric: r.metric,
        month: r.month,
        own: Number(r.own),
        subtree: Number(r.subtree),
      });
  }
  return { rows, before };
}

/**
 * The clock now, read before the fold's statement: that statement sees every fact committed
 * before this moment (read committed takes its snapshot when the statement starts).
 */
export async function statementClock(tx: Queryable): Promise<Date> {
  const result = await tx.query<{ at: Date }>("SELECT clock_timestamp() AS at");
  return result.rows[0]?.at as Date;
}

export async function recordFoldTime(tx: Queryable, at: Date) {
  await tx.query(
    `INSERT INTO rollup_folds (folded_at) VALUES ($1)
     ON CONFLICT (only_row) DO UPDATE SET folded_at = EXCLUDED.folded_at`,
    [at],
  );
}

/** When the queue was last emptied, or null before the first fold. */
export async function lastFoldedAt(db: Queryable): Promise<Date | null> {
  const result = await db.query<{ at: Date }>("SELECT folded_at AS at FROM rollup_folds");
  return result.rows[0]?.at ?? null;
}

/**
 * Facts not folded yet, with the attempt changes not yet turned into facts: the fold lag, for
 * the bench and the operator.
 */
export async function pendingFacts(db: Queryable): Promise<number> {
  const result = await db.query<{ n: number }>(
    `SELECT ((SELECT count(*) FROM rollup_facts)
             + (SELECT count(*) FROM rollup_attempt_changes))::int AS n`,
  );
  return result.rows[0]?.n ?? 0;
}
