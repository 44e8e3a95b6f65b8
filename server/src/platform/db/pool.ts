import pg from "pg";

// Dates stay strings ("2024-01-14") so a birth date never shifts by a time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// bigint counts fit in a JS number for every table this system will hold.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type Db = pg.Pool;
export type Tx = pg.PoolClient;
/** Anything that can run a query: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, "query">;

// No JIT: the app's statements are short, and where one is costed high enough to compile (a
// province's campaign results, issue 10) compiling took ~0.5 s of a query it did not speed up.
const SESSION_OPTIONS = "-c TimeZone=UTC -c jit=off";

/** Connections beside each pool for the statements batched across requests (ADR 0036). */
const BATCH_CONNECTIONS = 6;

function guarded<P extends pg.Pool>(pool: P): P {
  // An idle connection dropped by the server (restart, Ctrl-C reaching PostgreSQL first) must
  // not crash the process; the pool replaces it on the next query.
  pool.on("error", (error) => process.stderr.write(`数据库连接中断：${error.message}\n`));
  // A checked-out client reports a dropped connection as an 'error' event too; the query that
  // was running rejects anyway, so the event itself only needs a listener.
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}

/**
 * The application's pool, and beside it, opened on first use, a few connections that plan each
 * prepared statement once, generically. The statements batched across requests (session reads,
 * the exam submission's read and close) take their ids as an array; with the default setting
 * PostgreSQL planned them afresh for every small batch, which cost more than running them
 * (ADR 0036). Every other statement keeps planning with its parameters' values.
 */
class AppPool extends pg.Pool {
  private batchPool: pg.Pool | undefined;

  constructor(connectionString: string, max: number) {
    super({ connectionString, max, options: SESSION_OPTIONS });
  }

  forBatches(): pg.Pool {
    // After end() the pool itself answers, with the error a pool that has ended gives.
    if (this.ending) return this;
    this.batchPool ??= guarded(
      new pg.Pool({
        connectionString: this.options.connectionString,
        max: BATCH_CONNECTIONS,
        options: `${SESSION_OPTIONS} -c plan_cache_mode=force_generic_plan`,
      }),
    );
    return this.batchPool;
  }

  override end(): Promise<void>;
  override end(callback: () => void): void;
  override end(callback?: () => void): Promise<void> | undefined {
    const ended = Promise.all([super.end(), this.batchPool?.end()]).then(() => undefined);
    if (!callback) return ended;
    ended.then(callback, callback);
    return undefined;
  }
}

export function createPool(connectionString: string, max = 10): Db {
  return guarded(new AppPool(connectionString, max));
}

/**
 * Where a statement batched across requests runs: the pool's generically planning connections,
 * or, for a client inside a transaction or a pool made elsewhere, that client or pool itself.
 */
export function batchQueries(db: Queryable): Queryable {
  return db instanceof AppPool ? db.forBatches() : db;
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
