import type { Queryable } from "../src/platform/db/pool.ts";

/** The WAL's insert position now, as text: mark one before and after the work under test. */
export async function walPosition(db: Queryable): Promise<string> {
  const r = await db.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn");
  return r.rows[0]?.lsn ?? "";
}

/**
 * The bytes of every WAL segment between two positions, as latin1 text to search, read as an
 * insider with the server's files would (superuser `pg_read_binary_file`). Whole 16 MB segments:
 * on a busy shared server the range holds many of them.
 */
export async function walBytesBetween(db: Queryable, start: string, end: string) {
  const range = await db.query<{ first: string; last: string }>(
    `SELECT (pg_walfile_name_offset($1::pg_lsn)).file_name AS first,
            (pg_walfile_name_offset($2::pg_lsn)).file_name AS last`,
    [start, end],
  );
  const { first = "", last = "" } = range.rows[0] ?? {};
  const names = (
    await db.query<{ name: string }>("SELECT name FROM pg_ls_waldir() ORDER BY name")
  ).rows
    .map((f) => f.name)
    .filter((n) => /^[0-9A-F]{24}$/.test(n) && n >= first && n <= last);
  let bytes = "";
  for (const name of names) {
    const f = await db.query<{ bytes: Buffer }>(
      "SELECT pg_read_binary_file('pg_wal/' || $1) AS bytes",
      [name],
    );
    bytes += f.rows[0]?.bytes.toString("latin1") ?? "";
  }
  return bytes;
}
