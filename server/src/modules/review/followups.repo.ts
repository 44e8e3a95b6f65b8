import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import type { Followup } from "./evaluation.schemas.ts";
import { readScope } from "./review.policy.ts";

export type FollowupRow = Omit<Followup, "can"> & { orgPath: string };

const SELECT = `SELECT f.id,
    json_build_object('id', r.id, 'year', r.year, 'orgName', r.org_name) AS round,
    json_build_object('id', f.member_id, 'name', coalesce(s.member_name, '')) AS member,
    f.reason, f.status, f.measures, f.outcome,
    to_char(f.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "openedAt",
    to_char(f.closed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS "closedAt",
    u.display_name AS "closedBy", f.org_path::text AS "orgPath"
  FROM evaluation_followups f
  JOIN evaluation_rounds r ON r.id = f.round_id
  LEFT JOIN evaluation_subjects s ON s.round_id = f.round_id AND s.member_id = f.member_id
  LEFT JOIN users u ON u.id = f.closed_by`;

/** Follow-ups in the caller's read scope, open ones first. */
export async function listFollowups(
  db: Queryable,
  actor: Actor,
  filter: { orgPath?: string; roundId?: number; status?: "open" | "closed" },
): Promise<FollowupRow[]> {
  const params: unknown[] = [];
  const where = [readScope(actor, "f.org_path", params)];
  if (filter.orgPath) {
    params.push(filter.orgPath);
    where.push(`f.org_path <@ $${params.length}::ltree`);
  }
  if (filter.roundId !== undefined) {
    params.push(filter.roundId);
    where.push(`f.round_id = $${params.length}`);
  }
  if (filter.status) {
    params.push(filter.status);
    where.push(`f.status = $${params.length}`);
  }
  const result = await db.query<FollowupRow>(
    `${SELECT} WHERE ${where.join(" AND ")}
      ORDER BY f.status = 'closed', r.year DESC, f.id LIMIT 1000`,
    params,
  );
  return result.rows;
}

/** One follow-up with no scope, locked for the change; the caller checks access. */
export async function findFollowupForUpdate(db: Queryable, id: number) {
  const result = await db.query<FollowupRow>(`${SELECT} WHERE f.id = $1 FOR UPDATE OF f`, [id]);
  return result.rows[0] ?? null;
}

export async function closeFollowup(
  tx: Queryable,
  id: number,
  body: { measures: string; outcome: string },
  userId: number,
) {
  await tx.query(
    `UPDATE evaluation_followups
        SET status = 'closed', measures = $2, outcome = $3, closed_by = $4, closed_at = now()
      WHERE id = $1`,
    [id, body.measures, body.outcome, userId],
  );
}
