import type pg from "pg";
import { describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/db.ts";
import { batchQueries, createPool, type Db } from "./pool.ts";

const { url } = await testDatabase();

const setting = async (db: pg.Pool | pg.PoolClient) =>
  (await db.query<{ mode: string }>("SELECT current_setting('plan_cache_mode') AS mode")).rows[0]
    ?.mode;

describe("a pool's batch connections", () => {
  it("plan generically, while the pool's own connections keep choosing per statement", async () => {
    const pool = createPool(url, 2);
    try {
      expect(await setting(pool)).toBe("auto");
      expect(await setting(batchQueries(pool) as Db)).toBe("force_generic_plan");
      // The same connections each time: a second pool per call would leak connections.
      expect(batchQueries(pool)).toBe(batchQueries(pool));
    } finally {
      await pool.end();
    }
  });

  it("are a transaction's own client inside a transaction, so its statements see its writes", async () => {
    const pool = createPool(url, 2);
    const client = await pool.connect();
    try {
      expect(batchQueries(client)).toBe(client);
      expect(await setting(client)).toBe("auto");
    } finally {
      client.release();
      await pool.end();
    }
  });

  it("close with the pool, by promise or by callback, and are not opened again after", async () => {
    const pool = createPool(url, 2);
    const batches = batchQueries(pool) as Db;
    await batches.query("SELECT 1");
    await pool.end();
    expect(batches.ended).toBe(true);
    expect(batchQueries(pool)).toBe(pool);
    await expect(batchQueries(pool).query("SELECT 1")).rejects.toThrow(/after calling end/);

    const other = createPool(url, 2);
    const its = batchQueries(other) as Db;
    await its.query("SELECT 1");
    await new Promise<void>((resolve) => other.end(resolve));
    expect(its.ended).toBe(true);
  });

  it("leave nothing open when the pool ends before they were used", async () => {
    const pool = createPool(url, 2);
    await pool.query("SELECT 1");
    await pool.end();
    expect(pool.ended).toBe(true);
    expect(batchQueries(pool)).toBe(pool);
  });
});
