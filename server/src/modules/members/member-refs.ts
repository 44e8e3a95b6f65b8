import type { Actor } from "../../platform/auth/actor.ts";
import type { Permission } from "../../platform/auth/permissions.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { scopeClause } from "../../platform/scope.ts";

/** Who a member is and where, without personal details: what study and review modules need. */
export interface MemberRef {
  id: number;
  name: string;
  orgId: number;
  orgName: string;
  orgPath: string;
  isCadre: boolean;
}

const SELECT = `SELECT m.id, m.name, m.org_id AS "orgId", o.name AS "orgName",
                       m.org_path::text AS "orgPath", m.is_cadre AS "isCadre"
                  FROM members m JOIN orgs o ON o.id = m.org_id`;

/** The caller's own active member record, or null for a user without one. */
export async function ownMemberRef(db: Queryable, actor: Actor): Promise<MemberRef | null> {
  if (actor.memberId === null) return null;
  const rows = await db.query<MemberRef>(`${SELECT} WHERE m.id = $1 AND m.archived_at IS NULL`, [
    actor.memberId,
  ]);
  return rows.rows[0] ?? null;
}

/** Active members under `rootPath` that the caller may see with `permission`, by org and name. */
export async function memberRefsUnder(
  db: Queryable,
  actor: Actor,
  permission: Permission,
  rootPath: string,
): Promise<MemberRef[]> {
  const params: unknown[] = [rootPath];
  const scope = scopeClause(actor, permission, "m.org_path", params);
  const rows = await db.query<MemberRef>(
    `${SELECT} WHERE m.org_path <@ $1::ltree AND m.archived_at IS NULL AND ${scope}
      ORDER BY o.code, m.name, m.id`,
    params,
  );
  return rows.rows;
}

/** Names by id without a scope filter: only for lists an org chose to show its own members
 * (a branch's study ranking, when the branch turned rankings on) and for naming the subject
 * of a record the caller may already read (an audit row in their subtree). */
export async function memberNames(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: number; name: string }>(
    "SELECT id, name FROM members WHERE id = ANY($1::bigint[])",
    [ids],
  );
  return new Map(rows.rows.map((r) => [r.id, r.name]));
}

/** Active members among `ids` that the caller may see with `permission`; others are absent. */
export async function memberRefsByIds(
  db: Queryable,
  actor: Actor,
  permission: Permission,
  ids: number[],
): Promise<MemberRef[]> {
  if (ids.length === 0) return [];
  const params: unknown[] = [[...new Set(ids)]];
  const scope = scopeClause(actor, permission, "m.org_path", params);
  const rows = await db.query<MemberRef>(
    `${SELECT} WHERE m.id = ANY($1::bigint[]) AND m.archived_at IS NULL AND ${scope}
      ORDER BY o.code, m.name, m.id`,
    params,
  );
  return rows.rows;
}

/**
 * Members whose name matches the ILIKE pattern bound at `like`, as a subquery of their ids as
 * text: for narrowing a list the caller may already read (audit rows in their subtree) to those
 * about these people; it reveals nothing beyond it. A subquery, not a fetched list of ids, so
 * a common surname matching thousands of members never cuts the narrowed list short.
 */
export const membersNamedSql = (like: string) =>
  `SELECT id::text FROM members WHERE name ILIKE ${like}`;
