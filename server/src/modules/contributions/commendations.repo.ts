import type { Actor } from "../../platform/auth/actor.ts";
import type { Permission } from "../../platform/auth/permissions.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import {
  type KeyColumn,
  keysetAfter,
  keysetOrder,
  keysetPage,
  keysetSelect,
} from "../../platform/keyset.ts";
import { scopeClause } from "../../platform/scope.ts";
import type {
  ApproveBody,
  Commendation,
  CommendationState,
  ProposeBody,
} from "./contributions.schemas.ts";

export type CommendationRow = Omit<Commendation, "can"> & { orgPath: string; proposedById: number };

const SELECT = `SELECT k.id, json_build_object('id', m.id, 'name', m.name) AS member,
    coalesce(o.name, '') AS "orgName", k.org_path::text AS "orgPath", k.title, k.level,
    k.reason, k.state, p.display_name AS "proposedBy", k.proposed_by::int AS "proposedById",
    to_char(k.proposed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "proposedAt",
    d.display_name AS "decidedBy", to_char(k.approved_on, 'YYYY-MM-DD') AS "approvedOn",
    k.document_no AS "documentNo", k.decline_reason AS "declineReason",
    (SELECT coalesce(json_agg(json_build_object('id', c.id, 'title', c.title, 'kind', c.kind)
                              ORDER BY c.published_on, c.id), '[]')
       FROM contributions c WHERE c.id = ANY(k.contribution_ids)) AS contributions
  FROM commendations k
  JOIN members m ON m.id = k.member_id
  JOIN users p ON p.id = k.proposed_by
  LEFT JOIN users d ON d.id = k.decided_by
  LEFT JOIN orgs o ON o.path = k.org_path`;

export async function insertCommendation(
  tx: Queryable,
  member: { id: number; orgPath: string },
  body: ProposeBody,
  contributionIds: number[],
  userId: number,
): Promise<number> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO commendations (member_id, org_path, title, level, reason, contribution_ids,
       proposed_by)
     VALUES ($1, $2::ltree, $3, $4, $5, $6::bigint[], $7) RETURNING id`,
    [member.id, member.orgPath, body.title, body.level, body.reason, contributionIds, userId],
  );
  return Number(r.rows[0]?.id);
}

export async function lockCommendation(
  tx: Queryable,
  id: number,
): Promise<{
  memberId: number;
  orgPath: string;
  state: CommendationState;
  proposedBy: number;
} | null> {
  const r = await tx.query<{
    memberId: string;
    orgPath: string;
    state: CommendationState;
    proposedBy: string;
  }>(
    `SELECT member_id AS "memberId", org_path::text AS "orgPath", state,
            proposed_by AS "proposedBy"
       FROM commendations WHERE id = $1 FOR UPDATE`,
    [id],
  );
  const row = r.rows[0];
  return row
    ? { ...row, memberId: Number(row.memberId), proposedBy: Number(row.proposedBy) }
    : null;
}

export async function decideCommendation(
  tx: Queryable,
  id: number,
  userId: number,
  decision: ({ approve: true } & ApproveBody) | { approve: false; reason: string },
) {
  await tx.query(
    `UPDATE commendations SET state = $2, decided_by = $3, decided_at = now(),
       approved_on = $4, document_no = $5, decline_reason = $6 WHERE id = $1`,
    decision.approve
      ? [id, "approved", userId, decision.approvedOn, decision.documentNo, null]
      : [id, "declined", userId, null, null, decision.reason],
  );
}

/** One commendation the caller reaches through `permission`'s scope (or as its member). */
export async function findCommendation(
  db: Queryable,
  actor: Actor,
  permissions: Permission[],
  id: number,
): Promise<CommendationRow | null> {
  const params: unknown[] = [id, actor.memberId];
  const scopes = permissions.map((p) => scopeClause(actor, p, "k.org_path", params));
  const r = await db.query<CommendationRow>(
    `${SELECT} WHERE k.id = $1 AND (k.member_id = $2 OR ${scopes.join(" OR ")})`,
    params,
  );
  return r.rows[0] ?? null;
}

/** A member's commendations, approved first, newest first: what their record shows. */
export async function commendationsOfMember(
  db: Queryable,
  memberId: number,
  state?: CommendationState,
): Promise<CommendationRow[]> {
  const r = await db.query<CommendationRow>(
    `${SELECT} WHERE k.member_id = $1 AND ($2::text IS NULL OR k.state = $2)
      ORDER BY k.approved_on DESC NULLS LAST, k.id DESC`,
    [memberId, state ?? null],
  );
  return r.rows;
}

// Newest proposal first.
const ORDER: KeyColumn[] = [{ sql: "k.id", type: "int", desc: true }];

/** The commendations of the caller's scope (or one org of it), keyset-paged. */
export async function listCommendations(
  db: Queryable,
  actor: Actor,
  permissions: Permission[],
  filter: { orgPath?: string; state?: CommendationState; after?: string; limit: number },
): Promise<{ items: CommendationRow[]; nextCursor: string | null }> {
  const params: unknown[] = [];
  const scopes = permissions.map((p) => scopeClause(actor, p, "k.org_path", params));
  const where = [`(${scopes.join(" OR ")})`];
  if (filter.orgPath) {
    params.push(filter.orgPath);
    where.push(`k.org_path <@ $${params.length}::ltree`);
  }
  if (filter.state) {
    params.push(filter.state);
    where.push(`k.state = $${params.length}`);
  }
  const after = keysetAfter(ORDER, filter.after, params);
  if (after) where.push(after);
  params.push(filter.limit + 1);
  const r = await db.query<CommendationRow & { keysetCursor: unknown[] }>(
    `${SELECT.replace("SELECT ", `SELECT ${keysetSelect(ORDER)}, `)}
      WHERE ${where.join(" AND ")}
      ORDER BY ${keysetOrder(ORDER)} LIMIT $${params.length}`,
    params,
  );
  return keysetPage(r.rows, filter.limit);
}
