import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/db.ts";
import type { Db } from "../db/pool.ts";
import { withTx } from "../db/pool.ts";
import { HASHED_COLUMNS, type HashedRow, hashRowV2, sealPending } from "./chain.ts";
import { recordAudit, systemActor } from "./record.ts";
import { verifyChain } from "./verify.ts";

let db: Db;

beforeAll(async () => {
  ({ db } = await testDatabase());
});

async function writeEvents(target: Db, n: number, prefix: string) {
  await withTx(target, async (tx) => {
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

/** Someone with direct database access as the owner, working around the guards. */
async function asOwner(target: Db, sql: string) {
  await withTx(target, async (tx) => {
    await tx.query("ALTER TABLE audit_events DISABLE TRIGGER USER");
    await tx.query(sql);
    await tx.query("ALTER TABLE audit_events ENABLE TRIGGER USER");
  });
}

describe("audit chain", () => {
  it("seals committed rows and verifies an intact chain", async () => {
    await writeEvents(db, 25, "a");
    expect(await sealPending(db)).toBe(25);
    await writeEvents(db, 5, "b");
    expect(await sealPending(db)).toBe(5);
    expect(await verifyChain(db)).toEqual({ ok: true, rows: 30, unsealed: 0, checkpoints: null });
  });

  it("refuses UPDATE and DELETE through the trigger", async () => {
    await expect(db.query("UPDATE audit_events SET action = 'x' WHERE id = 1")).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query("DELETE FROM audit_events WHERE id = 1")).rejects.toThrow(/append-only/);
  });

  it("refuses a change to any column of an unsealed row but its chain, read from the catalog", async () => {
    const { db: own } = await testDatabase();
    await writeEvents(own, 1, "u");
    const chain = ["chain_seq", "prev_hash", "hash", "hash_alg"];
    const columns = await own.query<{ name: string; type: string }>(
      `SELECT column_name AS name, udt_name AS type FROM information_schema.columns
        WHERE table_name = 'audit_events' ORDER BY ordinal_position`,
    );
    // A column of a type not listed here fails the test: whoever adds it says how to change it.
    const changed: Record<string, (c: string) => string> = {
      int8: (c) => `coalesce(${c}, 0) + 1`,
      text: (c) => `coalesce(${c}, '') || '篡改'`,
      timestamptz: (c) => `${c} - interval '1 day'`,
      ltree: () => `'1.9.9'`,
      jsonb: () => `'{"name":"篡改"}'`,
    };
    const guarded = columns.rows.filter((c) => !chain.includes(c.name));
    expect(guarded.map((c) => c.name)).toContain("after");
    for (const { name, type } of guarded) {
      const to = changed[type];
      expect(to, `${name} (${type})`).toBeDefined();
      const update = `UPDATE audit_events SET ${name} = ${to?.(name)} WHERE chain_seq IS NULL`;
      await expect(own.query(update), name).rejects.toThrow(
        /append-only|only be updated to DEFAULT/,
      );
    }
    await expect(own.query("DELETE FROM audit_events")).rejects.toThrow(/append-only/);
    expect(await sealPending(own)).toBe(1);
    for (const name of chain) {
      const update = `UPDATE audit_events SET ${name} = ${name} WHERE chain_seq IS NOT NULL`;
      await expect(own.query(update), name).rejects.toThrow(/append-only/);
    }
    expect(await verifyChain(own)).toMatchObject({ ok: true, rows: 1 });
  });

  it("refuses TRUNCATE of the log and of its head, even to the owner", async () => {
    await expect(db.query("TRUNCATE audit_events")).rejects.toThrow(/TRUNCATE refused/);
    await expect(db.query("TRUNCATE audit_chain_head")).rejects.toThrow(/TRUNCATE refused/);
    await expect(db.query("DELETE FROM audit_chain_head")).rejects.toThrow(/moves forward/);
  });

  it("refuses chain columns written at INSERT and stamps the database's clock", async () => {
    await expect(
      db.query(
        `INSERT INTO audit_events (actor_label, action, entity_type, chain_seq, prev_hash, hash)
         VALUES ('system', 'x.forge', 'org', 9999, repeat('0', 64), repeat('1', 64))`,
      ),
    ).rejects.toThrow(/sealer only/);
    const row = await db.query<{ backdated: boolean }>(
      `INSERT INTO audit_events (actor_label, action, entity_type, occurred_at)
       VALUES ('system', 'x.backdate', 'org', '2020-01-01T00:00:00Z')
       RETURNING occurred_at > now() - interval '1 minute' AS backdated`,
    );
    expect(row.rows[0]?.backdated).toBe(true);
  });

  it("lets the head move only forward onto a sealed row's own hash", async () => {
    await sealPending(db);
    const head = await db.query("SELECT chain_seq, hash FROM audit_chain_head");
    const { chain_seq: seq } = head.rows[0];
    await expect(
      db.query("UPDATE audit_chain_head SET chain_seq = chain_seq - 1, hash = $1", [
        (await db.query("SELECT hash FROM audit_events WHERE chain_seq = $1", [seq - 1])).rows[0]
          .hash,
      ]),
    ).rejects.toThrow(/moves forward/);
    await expect(db.query("UPDATE audit_chain_head SET hash = repeat('a', 64)")).rejects.toThrow(
      /sealed row/,
    );
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
    await asOwner(db, `UPDATE audit_events SET after = '{"name":"篡改"}' WHERE chain_seq = 7`);
    const result = await verifyChain(db);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.brokenAt.chainSeq).toBe(7);
      expect(result.reason).toContain("篡改");
    }
  });
});

describe("audit hash format 2", () => {
  it("computes in the server the same hash as the database, whatever the text", async () => {
    const { db: own } = await testDatabase();
    const text = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 30 }),
      fc.string({ unit: "binary", maxLength: 30 }).map((s) => s.replaceAll("\u0000", "")),
      fc.constantFrom("王建国", "", "~", "3:abc", "党支部\n第二行", "𠮷野家"),
    );
    await fc.assert(
      fc.asyncProperty(text, text, fc.option(text), async (label, name, ip) => {
        await withTx(own, (tx) =>
          recordAudit(
            tx,
            { userId: null, label, ip: ip ?? undefined },
            { action: "fuzz.hash", entityType: "org", entityId: name, after: { name } },
          ),
        );
        await sealPending(own);
        const row = await own.query<HashedRow & { prev_hash: string; hash: string }>(
          `SELECT ${HASHED_COLUMNS}, prev_hash, hash FROM audit_events ORDER BY chain_seq DESC LIMIT 1`,
        );
        const last = row.rows[0];
        expect(last && hashRowV2(last.prev_hash, last)).toBe(last?.hash);
      }),
      { numRuns: 40 },
    );
    expect(await verifyChain(own)).toMatchObject({ ok: true, rows: 40 });
  });
});

describe("audit chain deletions", () => {
  it("names the gap when a middle row is deleted", async () => {
    const { db: fresh } = await testDatabase();
    await writeEvents(fresh, 10, "c");
    await sealPending(fresh);
    await asOwner(fresh, "DELETE FROM audit_events WHERE chain_seq = 4");
    const result = await verifyChain(fresh);
    expect(result).toMatchObject({ ok: false, brokenAt: { chainSeq: 4 } });
  });

  it("notices a deleted tail through the chain head", async () => {
    const { db: other } = await testDatabase();
    await writeEvents(other, 6, "d");
    await sealPending(other);
    await asOwner(other, "DELETE FROM audit_events WHERE chain_seq = 6");
    const result = await verifyChain(other);
    expect(result).toMatchObject({ ok: false, brokenAt: { chainSeq: 6 } });
  });
});
