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

/**
 * Active members of exactly this org (not the groups below) whose name contains `text`, as id
 * and name only, leaving one member out (the caller). For a form where a member picks someone
 * of their own branch; the caller has already established that the org is theirs.
 */
export async function memberNamesInOrg(
  db: Queryable,
  orgPath: string,
  text: string,
  excludeId: number,
  limit: number,
): Promise<{ id: number; name: string }[]> {
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const result = await db.query<{ id: number; name: string }>(
    `SELECT id, name FROM members
      WHERE org_path = $1::ltree AND archived_at IS NULL AND id <> $2 AND name LIKE $3
      ORDER BY name, id LIMIT $4`,
    [orgPath, excludeId, like, limit],
  );
  return result.rows;
}
