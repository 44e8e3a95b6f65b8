import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/db.ts";
import type { Db } from "../db/pool.ts";
import { withTx } from "../db/pool.ts";
import { sealPending } from "./chain.ts";
import { recordAudit, systemActor } from "./record.ts";
import { verifyChain } from "./verify.ts";

let db: Db;

beforeAll(async () => {
  ({ db } = await testDatabase());
});

async function writeEvents(n: number, prefix: string) {
  await withTx(db, async (tx) => {
    for (let i = 0; i < n; i++) {
      await recordAudit(tx, systemActor, {
        action: `${prefix}.create`,
        entityType: "org",
        entityId: i,
        orgPath: "1.2",
        after: { name: `城关镇第${i + 1}党支部` },
      });
    }
  });
}

/** Simulates someone with direct database access working around the append-only trigger. */
async function asAttacker(sql: string) {
  await withTx(db, async (tx) => {
    await tx.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only");
    await tx.query(sql);
    await tx.query("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only");
  });
}

describe("audit chain", () => {
  it("seals committed rows and verifies an intact chain", async () => {
    await writeEvents(25, "a");
    expect(await sealPending(db)).toBe(25);
    await writeEvents(5, "b");
    expect(await sealPending(db)).toBe(5);
    expect(await verifyChain(db)).toEqual({ ok: true, rows: 30, unsealed: 0 });
  });

  it("refuses UPDATE and DELETE through the trigger", async () => {
    await expect(db.query("UPDATE audit_events SET action = 'x' WHERE id = 1")).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query("DELETE FROM audit_events WHERE id = 1")).rejects.toThrow(/append-only/);
  });

  it("rolls the audit row back with the business transaction", async () => {
    const before = await db.query("SELECT count(*)::int AS n FROM audit_events");
    await expect(
      withTx(db, async (tx) => {
        await recordAudit(tx, systemActor, { action: "x.fail", entityType: "org" });
        throw new Error("business step failed");
      }),
    ).rejects.toThrow("business step failed");
    const after = await db.query("SELECT count(*)::int AS n FROM audit_events");
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it("names the changed row when one row is edited in SQL", async () => {
    await asAttacker(`UPDATE audit_events SET after = '{"name":"篡改"}' WHERE chain_seq = 7`);
    const result = await verifyChain(db);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.brokenAt.chainSeq).toBe(7);
      expect(result.reason).toContain("篡改");
    }
  });
});

describe("audit chain deletions", () => {
  let fresh: Db;
  beforeAll(async () => {
    ({ db: fresh } = await testDatabase());
    db = fresh;
    await writeEvents(10, "c");
    await sealPending(fresh);
  });

  it("names the gap when a middle row is deleted", async () => {
    await asAttacker("DELETE FROM audit_events WHERE chain_seq = 4");
    const result = await verifyChain(fresh);
    expect(result).toMatchObject({ ok: false, brokenAt: { chainSeq: 4 } });
  });

  it("notices a deleted tail through the chain head", async () => {
    const { db: other } = await testDatabase();
    db = other;
    await writeEvents(6, "d");
    await sealPending(other);
    await asAttacker("DELETE FROM audit_events WHERE chain_seq = 6");
    const result = await verifyChain(other);
    expect(result).toMatchObject({ ok: false, brokenAt: { chainSeq: 6 } });
  });
});
