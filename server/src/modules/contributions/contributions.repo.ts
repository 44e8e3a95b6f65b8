import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import {
  type KeyColumn,
  keysetAfter,
  keysetOrder,
  keysetPage,
  keysetSelect,
} from "../../platform/keyset.ts";
import { scopeClause } from "../../platform/scope.ts";
import { REVIEW } from "./contributions.policy.ts";
import type { Contribution, ContributionBody, ContributionState } from "./contributions.schemas.ts";

export type ContributionRow = Omit<Contribution, "can"> & { orgPath: string };

const SELECT = `SELECT c.id, json_build_object('id', m.id, 'name', m.name) AS member,
    coalesce(o.name, '') AS "orgName", c.org_path::text AS "orgPath", c.title, c.kind, c.link,
    to_char(c.published_on, 'YYYY-MM-DD') AS "publishedOn",
    c.reported_reach::float8 AS "reportedReach", c.description, c.state,
    c.return_reason AS "returnReason", r.display_name AS "reviewedBy",
    to_char(c.reviewed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS "reviewedAt",
    to_char(c.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS "submittedAt"
  FROM contributions c
  JOIN members m ON m.id = c.member_id
  LEFT JOIN orgs o ON o.path = c.org_path
  LEFT JOIN users r ON r.id = c.reviewed_by`;

export async function insertContribution(
  tx: Queryable,
  member: { id: number; orgPath: string },
  body: ContributionBody,
): Promise<number> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO contributions (member_id, org_path, title, kind, link, published_on,
       reported_reach, description)
     VALUES ($1, $2::ltree, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      member.id,
      member.orgPath,
      body.title,
      body.kind,
      body.link,
      body.publishedOn,
      body.reportedReach ?? null,
      body.description,
    ],
  );
  return Number(r.rows[0]?.id);
}

export async function updateContribution(tx: Queryable, id: number, body: ContributionBody) {
  await tx.query(
    `UPDATE contributions SET title = $2, kind = $3, link = $4, published_on = $5,
       reported_reach = $6, description = $7, updated_at = now() WHERE id = $1`,
    [
      id,
      body.title,
      body.kind,
      body.link,
      body.publishedOn,
      body.reportedReach ?? null,
      body.description,
    ],
  );
}

export async function setContributionState(
  tx: Queryable,
  id: number,
  state: ContributionState,
  review?: { by: number; reason: string | null },
) {
  await tx.query(
    `UPDATE contributions SET state = $2, return_reason = $3, reviewed_by = $4,
       reviewed_at = CASE WHEN $4::bigint IS NULL THEN NULL ELSE now() END, updated_at = now()
     WHERE id = $1`,
    [id, state, review?.reason ?? null, review?.by ?? null],
  );
}

/**
 * The work with its owner and state, locked so the member's edit and the officer's review of
 * one work take turns (the second sees the first's state and gets a 409).
 */
export async function lockContribution(
  tx: Queryable,
  id: number,
): Promise<{ memberId: number; orgPath: string; state: ContributionState } | null> {
  const r = await tx.query<{ memberId: string; orgPath: string; state: ContributionState }>(
    `SELECT member_id AS "memberId", org_path::text AS "orgPath", state
       FROM contributions WHERE id = $1 FOR UPDATE`,
    [id],
  );
  const row = r.rows[0];
  return row ? { memberId: Number(row.memberId), orgPath: row.orgPath, state: row.state } : null;
}

/** One work the caller reaches: their own, or one in their review scope. */
export async function findContribution(
  db: Queryable,
  actor: Actor,
  id: number,
): Promise<ContributionRow | null> {
  const params: unknown[] = [id, actor.memberId];
  const scope = scopeClause(actor, REVIEW, "c.org_path", params);
  const r = await db.query<ContributionRow>(
    `${SELECT} WHERE c.id = $1 AND (c.member_id = $2 OR ${scope})`,
    params,
  );
  return r.rows[0] ?? null;
}

/** The member's own works, newest first. */
export async function contributionsOfMember(
  db: Queryable,
  memberId: number,
): Promise<ContributionRow[]> {
  const r = await db.query<ContributionRow>(
    `${SELECT} WHERE c.member_id = $1 ORDER BY c.submitted_at DESC, c.id DESC`,
    [memberId],
  );
  return r.rows;
}

/** Accepted works among `ids` of one member, inside the caller's review scope. */
export async function acceptedOf(
  db: Queryable,
  actor: Actor,
  memberId: number,
  ids: number[],
): Promise<ContributionRow[]> {
  const params: unknown[] = [memberId, ids];
  const scope = scopeClause(actor, REVIEW, "c.org_path", params);
  const r = await db.query<ContributionRow>(
    `${SELECT} WHERE c.member_id = $1 AND c.id = ANY($2::bigint[]) AND c.state = 'accepted'
        AND ${scope} ORDER BY c.published_on, c.id`,
    params,
  );
  return r.rows;
}

/** A member's accepted works, for their record. */
export async function acceptedOfMember(
  db: Queryable,
  memberId: number,
): Promise<ContributionRow[]> {
  const r = await db.query<ContributionRow>(
    `${SELECT} WHERE c.member_id = $1 AND c.state = 'accepted'
      ORDER BY c.published_on DESC, c.id DESC`,
    [memberId],
  );
  return r.rows;
}

// Oldest submission first: the queue is worked from the front.
const ORDER: KeyColumn[] = [
  { sql: "c.submitted_at", type: "timestamptz" },
  { sql: "c.id", type: "int" },
];

/** The works of the caller's review scope in one state, keyset-paged. */
export async function listContributions(
  db: Queryable,
  actor: Actor,
  filter: { state: ContributionState; memberId?: number; after?: string; limit: number },
): Promise<{ items: ContributionRow[]; nextCursor: string | null }> {
  const params: unknown[] = [filter.state];
  const where = ["c.state = $1", scopeClause(actor, REVIEW, "c.org_path", params)];
  if (filter.memberId !== undefined) {
    params.push(filter.memberId);
    where.push(`c.member_id = $${params.length}`);
  }
  const after = keysetAfter(ORDER, filter.after, params);
  if (after) where.push(after);
  params.push(filter.limit + 1);
  const r = await db.query<ContributionRow & { keysetCursor: unknown[] }>(
    `${SELECT.replace("SELECT ", `SELECT ${keysetSelect(ORDER)}, `)}
      WHERE ${where.join(" AND ")}
      ORDER BY ${keysetOrder(ORDER)} LIMIT $${params.length}`,
    params,
  );
  return keysetPage(r.rows, filter.limit);
}
