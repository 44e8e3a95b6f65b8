import pg from "pg";
import { migrate } from "../../server/src/platform/db/migrate.ts";
import { createPool, type Db } from "../../server/src/platform/db/pool.ts";

/** The PostgreSQL the benches create their databases on (the machine's, unless told). */
export const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export const KEEP = process.argv.includes("--keep");

export interface ScratchDb {
  name: string;
  url: string;
  db: Db;
  /** True when `reuse` found the database already there: the caller may skip its seeding. */
  reused: boolean;
  /** Closes the pool and drops the database, unless the run was started with --keep. */
  close(): Promise<void>;
}

/**
 * A scratch database for one bench run, migrated to the current schema. Other engineers run
 * benches against the same PostgreSQL, so the name carries the process id unless `reuse` is
 * given: then a database of that name left by an earlier `--keep` run is reused as it is.
 */
export async function scratchDb(
  prefix: string,
  opts: { reuse?: string; poolSize?: number } = {},
): Promise<ScratchDb> {
  const name = opts.reuse ?? `${prefix}_${process.pid}`;
  const url = Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  const reused = opts.reuse !== undefined && exists.rowCount === 1;
  if (!reused) {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  }
  const db = createPool(url, opts.poolSize ?? 4);
  try {
    await migrate(db);
    return {
      name,
      url,
      db,
      reused,
      close: async () => {
        await db.end();
        if (KEEP) process.stdout.write(`\nKept the database ${name} (--keep).\n`);
        else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  } catch (error) {
    await db.end();
    // A database this run made is dropped; one an earlier run kept is left for a look.
    if (!reused) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    throw error;
  }
}
