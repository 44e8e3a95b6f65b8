import type { Queryable } from "../../platform/db/pool.ts";

/** What other modules need to know of a member: name, home org, cadre flag and status. */
export interface MemberFacts {
  id: number;
  name: string;
  orgId: number;
  orgPath: string;
  isCadre: boolean;
  position: string | null;
  status: "full" | "probationary";
}

const COLUMNS = `id, name, org_id AS "orgId", org_path::text AS "orgPath", is_cadre AS "isCadre",
  position, status`;

/**
 * The active members of an org and the groups below it, for modules that list the people of
 * a meeting or an evaluation round. The caller has already checked its scope on the org.
 */
export async function activeMembersOf(db: Queryable, orgPath: string): Promise<MemberFacts[]> {
  const result = await db.query<MemberFacts>(
    `SELECT ${COLUMNS} FROM members
      WHERE org_path <@ $1::ltree AND archived_at IS NULL ORDER BY name, id`,
    [orgPath],
  );
  return result.rows;
}

/** Facts of these members (active or not), by id; ids not found are absent from the map. */
export async function memberFacts(db: Queryable, ids: number[]): Promise<Map<number, MemberFacts>> {
  if (ids.length === 0) return new Map();
  const result = await db.query<MemberFacts>(
    `SELECT ${COLUMNS} FROM members WHERE id = ANY($1::bigint[])`,
    [[...new Set(ids)]],
  );
  return new Map(result.rows.map((m) => [m.id, m]));
}
