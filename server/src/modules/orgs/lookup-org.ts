import type { Queryable } from "../../platform/db/pool.ts";

/** What another module needs to judge an org it was handed: its place and whether it is open. */
export interface OrgLookup {
  id: number;
  name: string;
  path: string;
  archived: boolean;
}

/**
 * An org by id or by its statistics code, archived or not, without a scope filter: the caller
 * checks its own reach on `path` before it says anything about the org.
 */
export async function lookupOrg(
  db: Queryable,
  where: { id: number } | { code: string },
): Promise<OrgLookup | null> {
  const byId = "id" in where;
  const result = await db.query<OrgLookup>(
    `SELECT id, name, path::text AS path, archived_at IS NOT NULL AS archived
       FROM orgs WHERE ${byId ? "id" : "code"} = $1`,
    [byId ? where.id : where.code],
  );
  return result.rows[0] ?? null;
}
