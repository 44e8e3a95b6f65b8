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
