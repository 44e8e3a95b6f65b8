import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/db.ts";
import type { Db } from "../db/pool.ts";
import { withTx } from "../db/pool.ts";
import { type CheckpointLog, openCheckpointLog } from "./checkpoints.ts";
import { recordAudit } from "./record.ts";
import { sealAndSign, sealAndVerify } from "./sealer.ts";
import { verifyChain } from "./verify.ts";

let db: Db;
let dir: string;
let log: CheckpointLog;

async function writeEvents(n: number) {
  await withTx(db, async (tx) => {
    for (let i = 0; i < n; i++) {
      await recordAudit(
        tx,
        { userId: 7, label: "zhang.wei" },
        {
          action: "member.update",
          entityType: "member",
          entityId: i + 1,
          orgPath: "1.4.9",
          after: { phone: `1380013${String(i).padStart(4, "0")}` },
        },
      );
    }
  });
  await sealAndSign(db, log);
}

/** A superuser: switches every guard off, does the work, switches them back on. */
async function asSuperuser(sql: string) {
  await withTx(db, async (tx) => {
    await tx.query("ALTER TABLE audit_events DISABLE TRIGGER ALL");
    await tx.query("ALTER TABLE audit_chain_head DISABLE TRIGGER ALL");
    await tx.query(sql);
    await tx.query("ALTER TABLE audit_events ENABLE TRIGGER ALL");
    await tx.query("ALTER TABLE audit_chain_head ENABLE TRIGGER ALL");
  });
}

/** Edits one row and re-hashes it and every later row and the head, with the database's own function. */
const REWRITE_FROM_3 = `
  UPDATE audit_events SET after = '{"phone":"13900000000"}' WHERE chain_seq = 3;
  DO $$
  DECLARE r audit_events; p text := (SELECT prev_hash FROM audit_events WHERE chain_seq = 3);
  BEGIN
    FOR r IN SELECT * FROM audit_events WHERE chain_seq >= 3 ORDER BY chain_seq LOOP
      UPDATE audit_events SET prev_hash = p, hash = audit_row_hash(p, r) WHERE id = r.id;
      p := audit_row_hash(p, r);
    END LOOP;
    UPDATE audit_chain_head SET hash = p;
  END $$;`;

beforeEach(async () => {
  ({ db } = await testDatabase());
  dir = await mkdtemp(path.join(tmpdir(), "wanggui-anchor-"));
  log = await openCheckpointLog(path.join(dir, "audit-signing.key"), path.join(dir, "cp.jsonl"));
  await writeEvents(4);
  await writeEvents(3);
  return () => rm(dir, { recursive: true, force: true });
});

describe("audit checkpoints outside the database", () => {
  it("signs each new head once and verifies an intact chain against them", async () => {
    expect(await log.record({ seq: 7, hash: "x" })).toBe(false);
    expect(await sealAndVerify(db, log)).toEqual({
      ok: true,
      rows: 7,
      unsealed: 0,
      checkpoints: 2,
    });
  });

  it("catches a superuser's consistent rewrite that the chain alone accepts", async () => {
    await asSuperuser(REWRITE_FROM_3);
    expect(await verifyChain(db)).toMatchObject({ ok: true, rows: 7 });
    const result = await sealAndVerify(db, log);
    expect(result).toMatchObject({ ok: false, brokenAt: { chainSeq: 4 } });
    expect(!result.ok && result.reason).toMatch(/整体改写.*第 1–4 条/);
  });

  it("catches an emptied log (TRUNCATE with the guards off)", async () => {
    await asSuperuser("TRUNCATE audit_events, audit_chain_head");
    expect(await verifyChain(db)).toMatchObject({ ok: true, rows: 0 });
    const result = await sealAndVerify(db, log);
    expect(result).toMatchObject({ ok: false, rows: 0 });
    expect(!result.ok && result.reason).toMatch(/已被清空.*第 7 条/);
  });

  it("catches a cut tail with the head moved back to match", async () => {
    await asSuperuser(`DELETE FROM audit_events WHERE chain_seq > 5;
      UPDATE audit_chain_head SET chain_seq = 5, hash = (SELECT hash FROM audit_events WHERE chain_seq = 5)`);
    const result = await sealAndVerify(db, log);
    expect(!result.ok && result.reason).toMatch(/被截断.*第 7 条.*只有 5 条/);
  });

  it("catches a checkpoint edited to match a rewrite: its signature fails", async () => {
    await asSuperuser(REWRITE_FROM_3);
    const newHash = (await db.query("SELECT hash FROM audit_chain_head")).rows[0].hash;
    const text = await readFile(log.file, "utf8");
    const lines = text.trimEnd().split("\n");
    const last = JSON.parse(lines.at(-1) as string);
    lines[lines.length - 1] = JSON.stringify({ ...last, hash: newHash });
    await writeFile(log.file, `${lines.join("\n")}\n`);
    const result = await sealAndVerify(db, log);
    expect(!result.ok && result.reason).toMatch(/第 3 行签名无效/);
  });

  it("refuses to start over when the key or the checkpoint file is gone", async () => {
    const key = path.join(dir, "audit-signing.key");
    await rm(log.file);
    expect((await sealAndVerify(db, log)).ok).toBe(false);
    await expect(openCheckpointLog(key, log.file)).rejects.toThrow(/cp\.jsonl 缺失.*恢复/);
    await writeFile(log.file, "");
    await expect(openCheckpointLog(key, log.file)).rejects.toThrow(/不属于签名密钥/);
    await rm(key);
    await expect(openCheckpointLog(key, log.file)).rejects.toThrow(/audit-signing\.key 缺失/);
  });

  it("never raises a false alarm while the sealer runs beside it", async () => {
    let writing = true;
    const writer = (async () => {
      while (writing) await writeEvents(5);
    })();
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await sealAndVerify(db, log));
    writing = false;
    await writer;
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });
});
