import { randomInt } from "node:crypto";
import type pg from "pg";
import type { Db } from "../db/pool.ts";

/** Advisory lock class of a live server process; the second key is the process's own. */
export const LOCK_CLASS = 4242003;

/**
 * A server process is alive while it holds the session advisory lock (LOCK_CLASS, key) on a
 * connection kept for its life. PostgreSQL drops a session's locks when its connection dies
 * with the process, so anyone can tell a live process from a gone one by that lock alone.
 */
export class ProcessLock {
  readonly key = randomInt(1, 2 ** 31 - 1);
  /** The connection holding the lock; null before `hold` and after `release`. */
  client: pg.PoolClient | null = null;
  private drop: (() => void) | null = null;
  private released = false;

  constructor(private readonly db: Db) {}

  /** Takes the lock, and takes it again a second after its connection is lost. */
  async hold() {
    const client = await this.db.connect();
    // Closed once, whichever comes first: a stop, or the error of a connection the database
    // ended. On a stop the two come together (the embedded database is stopped with the
    // server), and a second release threw from the error handler and crashed the process
    // before it said it had stopped.
    let closed = false;
    const drop = () => {
      if (closed) return;
      closed = true;
      client.release(true);
    };
    client.on("error", () => {
      drop();
      if (this.client === client) {
        this.client = null;
        this.drop = null;
      }
      if (!this.released) setTimeout(() => void this.hold().catch(() => undefined), 1000).unref();
    });
    await client.query("SELECT pg_advisory_lock($1, $2)", [LOCK_CLASS, this.key]);
    this.client = client;
    this.drop = drop;
  }

  /**
   * Gives the lock up by closing its connection: handed back to the pool, the connection
   * would keep the session lock, and the process would look alive after it stopped.
   */
  release() {
    this.released = true;
    this.drop?.();
    this.client = null;
    this.drop = null;
  }
}

/**
 * An SQL condition that holds when the process whose key is in `column` no longer holds its
 * lock. It reads pg_locks rather than trying the lock, so a pooled connection can ask it
 * inside any statement without taking (and having to give back) another process's lock.
 */
export function processGone(column: string): string {
  return `NOT EXISTS (SELECT 1 FROM pg_locks l
     WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND l.classid = ${LOCK_CLASS}::oid AND l.objid = ${column}::oid)`;
}
