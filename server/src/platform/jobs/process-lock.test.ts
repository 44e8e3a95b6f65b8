/**
 * A stopping server releases its process lock while the database it stops with ends the
 * lock's connection: the release and the connection's error arrive in either order, and
 * neither order may throw (CI saw the second release crash `npm start` on Ctrl-C).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testContext } from "../../../test/db.ts";
import type { AppContext } from "../context.ts";
import { ProcessLock } from "./process-lock.ts";

let ctx: AppContext;

beforeAll(async () => {
  ctx = await testContext();
});

async function held(lock: ProcessLock): Promise<boolean> {
  const r = await ctx.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_locks
      WHERE locktype = 'advisory' AND granted AND objid = $1::oid`,
    [lock.key],
  );
  return (r.rows[0]?.n ?? 0) > 0;
}

describe("a server process's lock", () => {
  it("takes an error of its connection after its release without throwing", async () => {
    const lock = new ProcessLock(ctx.db);
    await lock.hold();
    const client = lock.client;
    expect(client).not.toBeNull();
    expect(await held(lock)).toBe(true);
    lock.release();
    expect(() => client?.emit("error", new Error("terminating connection"))).not.toThrow();
    expect(lock.client).toBeNull();
  });

  it("takes its release after an error of its connection without throwing", async () => {
    const lock = new ProcessLock(ctx.db);
    await lock.hold();
    lock.client?.emit("error", new Error("terminating connection"));
    expect(lock.client).toBeNull();
    expect(() => lock.release()).not.toThrow();
  });
});
