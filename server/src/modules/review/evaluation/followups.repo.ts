import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import {
  type KeyColumn,
  keysetAfter,
  keysetOrder,
  keysetPage,
  keysetSelect,
} from "../../../platform/keyset.ts";
import { reachClause, readScope } from "../review.policy.ts";
import type { Followup } from "./evaluation.schemas.ts";

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

const FOLLOWUP_ORDER: KeyColumn[] = [
  { sql: "(f.status = 'closed')", type: "boolean" },
  { sql: "r.year", type: "int", desc: true },
  { sql: "f.id", type: "int" },
];

/** Follow-ups in the caller's read scope, open ones first, a keyset page at a time. */
export async function listFollowups(
  db: Queryable,
  actor: Actor,
  filter: {
    orgPath?: string;
    roundId?: number;
    status?: "open" | "closed";
    after?: string;
    limit: number;
  },
): Promise<{ items: FollowupRow[]; nextCursor: string | null }> {
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
  const after = keysetAfter(FOLLOWUP_ORDER, filter.after, params);
  if (after) where.push(after);
  params.push(filter.limit + 1);
  const result = await db.query<FollowupRow & { keysetCursor: unknown[] }>(
    `${SELECT.replace("SELECT ", `SELECT ${keysetSelect(FOLLOWUP_ORDER)}, `)}
      WHERE ${where.join(" AND ")}
      ORDER BY ${keysetOrder(FOLLOWUP_ORDER)} LIMIT $${params.length}`,
    params,
  );
  return keysetPage(result.rows, filter.limit);
}

/** One follow-up in the caller's manage scope, locked for the change. */
export async function findManagedFollowup(db: Queryable, actor: Actor, id: number) {
  const params: unknown[] = [id];
  const scope = reachClause(actor, "manage", "f.org_path", params);
  const result = await db.query<FollowupRow>(
    `${SELECT} WHERE f.id = $1 AND ${scope} FOR UPDATE OF f`,
    params,
  );
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
