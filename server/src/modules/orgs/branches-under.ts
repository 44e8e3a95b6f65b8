import type { Queryable } from "../../platform/db/pool.ts";
import {
  type KeyColumn,
  keysetAfter,
  keysetOrder,
  keysetPage,
  keysetSelect,
} from "../../platform/keyset.ts";

const BRANCH_ORDER: KeyColumn[] = [
  { sql: "code", type: "text" },
  { sql: "id", type: "int" },
];

/**
 * The active 党支部 of the subtrees under `paths` (an org itself when it is one), in code order
 * and a keyset page at a time, for oversight tables that list every branch, including those
 * with nothing recorded. The caller checked the scope.
 */
export async function branchesUnder(
  db: Queryable,
  paths: string[],
  page: { after?: string; limit: number },
): Promise<{ items: { id: number; name: string; path: string }[]; nextCursor: string | null }> {
  const params: unknown[] = [paths];
  const where = ["path <@ ANY($1::ltree[])", "kind = 'branch'", "archived_at IS NULL"];
  const after = keysetAfter(BRANCH_ORDER, page.after, params);
  if (after) where.push(after);
  params.push(page.limit + 1);
  const result = await db.query<{
    id: number;
    name: string;
    path: string;
    keysetCursor: unknown[];
  }>(
    `SELECT ${keysetSelect(BRANCH_ORDER)}, id, name, path::text AS path FROM orgs
      WHERE ${where.join(" AND ")}
      ORDER BY ${keysetOrder(BRANCH_ORDER)} LIMIT $${params.length}`,
    params,
  );
  return keysetPage(result.rows, page.limit);
}
