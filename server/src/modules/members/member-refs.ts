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
 * (a branch's study ranking, when the branch turned rankings on). */
export async function memberNames(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: number; name: string }>(
    "SELECT id, name FROM members WHERE id = ANY($1::bigint[])",
    [ids],
  );
  return new Map(rows.rows.map((r) => [r.id, r.name]));
}
