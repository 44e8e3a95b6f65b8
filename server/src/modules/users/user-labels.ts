import type { Queryable } from "../../platform/db/pool.ts";

/**
 * Who an account is, by id, without a scope filter: only for naming the people in records the
 * caller may already read (the actor of an audit row in their subtree).
 */
export async function userLabels(
  db: Queryable,
  ids: number[],
): Promise<Map<number, { displayName: string; username: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: number; displayName: string; username: string }>(
    `SELECT id::int, display_name AS "displayName", username FROM users WHERE id = ANY($1::bigint[])`,
    [[...new Set(ids)]],
  );
  return new Map(rows.rows.map((r) => [r.id, r]));
}

/**
 * Accounts whose name or username matches the ILIKE pattern bound at `like`, as a subquery of
 * their ids: for narrowing a list the caller may already read to what these people did. A
 * subquery, so however many accounts match, none is dropped from the narrowed list.
 */
export const usersNamedSql = (like: string) =>
  `SELECT id FROM users WHERE display_name ILIKE ${like} OR username ILIKE ${like}`;
