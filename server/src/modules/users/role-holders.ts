import type { Role } from "../../platform/auth/permissions.ts";
import type { Queryable } from "../../platform/db/pool.ts";

/**
 * The enabled accounts that hold `role` today at the org at `orgPath` or at any org above it,
 * since a grant reaches its whole subtree. Other modules call this to find who to remind
 * (for example every secretary over a branch) instead of reading role_grants themselves.
 * A grant counts when it has started, has not ended and was not revoked.
 */
export async function usersHoldingRoleOver(
  db: Queryable,
  role: Role,
  orgPath: string,
): Promise<number[]> {
  const result = await db.query<{ id: string }>(
    `SELECT DISTINCT u.id FROM role_grants g
       JOIN orgs o ON o.id = g.org_id
       JOIN users u ON u.id = g.user_id
      WHERE g.role = $1 AND o.path @> $2::ltree
        AND g.revoked_at IS NULL AND g.starts_on <= cn_today()
        AND (g.ends_on IS NULL OR g.ends_on >= cn_today())
        AND u.disabled_at IS NULL
      ORDER BY u.id`,
    [role, orgPath],
  );
  return result.rows.map((r) => Number(r.id));
}

/**
 * The enabled accounts holding any of `roles` at the nearest org at or above `orgPath` where
 * anyone holds one: the people a case or a deadline reaches first, before it goes higher.
 */
export async function nearestRoleHolders(
  db: Queryable,
  roles: readonly Role[],
  orgPath: string,
): Promise<number[]> {
  const result = await db.query<{ id: string }>(
    `WITH holders AS (
       SELECT u.id, nlevel(o.path) AS depth FROM role_grants g
         JOIN orgs o ON o.id = g.org_id
         JOIN users u ON u.id = g.user_id
        WHERE g.role = ANY($1::text[]) AND o.path @> $2::ltree
          AND g.revoked_at IS NULL AND g.starts_on <= cn_today()
          AND (g.ends_on IS NULL OR g.ends_on >= cn_today())
          AND u.disabled_at IS NULL)
     SELECT DISTINCT id FROM holders WHERE depth = (SELECT max(depth) FROM holders) ORDER BY id`,
    [roles, orgPath],
  );
  return result.rows.map((r) => Number(r.id));
}

export interface RoleHolder<R extends Role = Role> {
  userId: number;
  displayName: string;
  memberId: number | null;
  role: R;
  orgName: string;
  /** How far above `orgPath` the grant sits: 0 at the org itself. */
  levelsUp: number;
}

/**
 * Who holds any of `roles` today at the org at `orgPath` or above, one row per grant, nearest
 * first: the people a case there can be handed to.
 */
export async function roleHoldersOver<R extends Role>(
  db: Queryable,
  roles: readonly R[],
  orgPath: string,
): Promise<RoleHolder<R>[]> {
  const result = await db.query<RoleHolder<R>>(
    `SELECT u.id AS "userId", u.display_name AS "displayName", u.member_id AS "memberId",
            g.role, o.name AS "orgName", nlevel($2::ltree) - nlevel(o.path) AS "levelsUp"
       FROM role_grants g
       JOIN orgs o ON o.id = g.org_id
       JOIN users u ON u.id = g.user_id
      WHERE g.role = ANY($1::text[]) AND o.path @> $2::ltree
        AND g.revoked_at IS NULL AND g.starts_on <= cn_today()
        AND (g.ends_on IS NULL OR g.ends_on >= cn_today())
        AND u.disabled_at IS NULL AND o.archived_at IS NULL
      ORDER BY nlevel(o.path) DESC, g.role, u.display_name, u.id`,
    [roles, orgPath],
  );
  return result.rows;
}
