import type { Queryable } from "../../../platform/db/pool.ts";

/** Today's date in Beijing, from the database, so every deadline compares on one clock. */
export async function cnToday(db: Queryable): Promise<string> {
  const result = await db.query<{ d: string }>("SELECT cn_today()::text AS d");
  return result.rows[0]?.d ?? new Date().toISOString().slice(0, 10);
}
