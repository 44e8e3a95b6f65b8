import type { Queryable } from "../../platform/db/pool.ts";

/** Where a member is kept and whether the record is archived: enough to link an account to it. */
export interface MemberLookup {
  id: number;
  orgPath: string;
  archived: boolean;
}

/**
 * A member by id, archived or not, without a scope filter: the caller checks its own reach on
 * `orgPath` before it says anything about the member.
 */
export async function lookupMember(db: Queryable, id: number): Promise<MemberLookup | null> {
  const result = await db.query<MemberLookup>(
    `SELECT id, org_path::text AS "orgPath", archived_at IS NOT NULL AS archived
       FROM members WHERE id = $1`,
    [id],
  );
  return result.rows[0] ?? null;
}
