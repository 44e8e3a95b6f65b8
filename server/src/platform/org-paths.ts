import type { Queryable } from "./db/pool.ts";

/**
 * Tables whose `org_path` records where something happened, not where it belongs now: the
 * audit log keeps the path of the event's day (it is append-only and hash-chained). Every
 * other table with an `org_path` column is scoped by it and follows its org when it moves.
 */
export const PATHS_AS_RECORDED: readonly string[] = ["audit_events"];

/**
 * Every table that keeps a copy of an org's path in an `org_path` ltree column, read from the
 * catalog, so a module's new table is moved with its org without anyone remembering to list
 * it here (the org-move test checks each one also carries the stale-path guard of migration
 * 0013).
 */
export async function scopedTables(db: Queryable): Promise<string[]> {
  const result = await db.query<{ table: string }>(
    `SELECT c.relname AS table
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
      WHERE a.attname = 'org_path' AND a.atttypid = 'ltree'::regtype AND NOT a.attisdropped
        AND c.relkind IN ('r', 'p') AND c.relnamespace = current_schema()::regnamespace
        AND NOT c.relispartition
      ORDER BY c.relname`,
  );
  return result.rows.map((r) => r.table).filter((t) => !PATHS_AS_RECORDED.includes(t));
}

/**
 * Moves every scoped row under the org at `from` to sit under `newParent`, table by table, in
 * the caller's transaction (the org move's). Returns the rows moved per table.
 */
export async function rewriteScopedPaths(
  tx: Queryable,
  from: string,
  newParent: string,
): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  // The stale-path guard (migration 0013) trusts the move: it holds the orgs it rewrites.
  await tx.query("SET LOCAL wanggui.org_move = 'on'");
  for (const table of await scopedTables(tx)) {
    const result = await tx.query(
      `UPDATE "${table}" SET org_path = $2::ltree || subpath(org_path, nlevel($1::ltree) - 1)
        WHERE org_path <@ $1::ltree`,
      [from, newParent],
    );
    moved[table] = result.rowCount ?? 0;
  }
  await tx.query("SET LOCAL wanggui.org_move = 'off'");
  return moved;
}
