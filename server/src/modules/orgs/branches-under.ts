import type { Queryable } from "../../platform/db/pool.ts";

/**
 * The active 党支部 of a subtree (the org itself when it is one), for oversight tables that
 * list every branch, including those with nothing recorded. The caller checked the scope.
 */
export async function branchesUnder(
  db: Queryable,
  path: string,
): Promise<{ id: number; name: string; path: string }[]> {
  const result = await db.query<{ id: number; name: string; path: string }>(
    `SELECT id, name, path::text AS path FROM orgs
      WHERE path <@ $1::ltree AND kind = 'branch' AND archived_at IS NULL
      ORDER BY code LIMIT 5000`,
    [path],
  );
  return result.rows;
}
