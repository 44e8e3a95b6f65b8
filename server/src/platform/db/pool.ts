import pg from "pg";

// Dates stay strings ("2024-01-14") so a birth date never shifts by a time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// bigint counts fit in a JS number for every table this system will hold.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type Db = pg.Pool;
export type Tx = pg.PoolClient;
/** Anything that can run a query: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, "query">;

export function createPool(connectionString: string, max = 10): Db {
  // No JIT: the app's statements are short, and where one is costed high enough to compile (a
  // province's campaign results, issue 10) compiling took ~0.5 s of a query it did not speed up.
  const pool = new pg.Pool({ connectionString, max, options: "-c TimeZone=UTC -c jit=off" });
  // An idle connection dropped by the server (restart, Ctrl-C reaching PostgreSQL first) must
  // not crash the process; the pool replaces it on the next query.
  pool.on("error", (error) => process.stderr.write(`数据库连接中断：${error.message}\n`));
  // A checked-out client reports a dropped connection as an 'error' event too; the query that
  // was running rejects anyway, so the event itself only needs a listener.
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}

/**
 * The connection string a pool was made with, for a worker thread of this process that opens
 * a connection of its own (the roster import, issue 10). Every pool here is made by createPool.
 */
export function connectionStringOf(db: Db): string {
  const url = db.options.connectionString;
  if (!url) throw new Error("the pool was made without a connection string");
  return url;
}

export async function withTx<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await db.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
