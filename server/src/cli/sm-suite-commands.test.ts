/**
 * WANGGUI_CRYPTO_SUITE=sm end to end through the real CLI: a system started under the default
 * suite, switched to the SM suite by configuration, is refused until `wanggui key rotate` has
 * moved its fields to SM4 and its signing key is set aside; afterwards new audit rows chain
 * with SM3, checkpoints are SM2, and `wanggui audit verify` holds the whole log as intact.
 */

import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../test/cli.ts";
import { testDatabase } from "../../test/db.ts";
import { recordAudit, systemActor } from "../platform/audit/record.ts";
import type { Db } from "../platform/db/pool.ts";

const run = promisify(execFile);

let db: Db;
let url: string;
let dataDir: string;

beforeAll(async () => {
  ({ db, url } = await testDatabase());
  dataDir = await mkdtemp(path.join(tmpdir(), "wanggui-sm-cli-"));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

async function wanggui(suite: string, ...args: string[]) {
  const r = await runCli(
    { DATABASE_URL: url, WANGGUI_DATA_DIR: dataDir, WANGGUI_CRYPTO_SUITE: suite },
    ...args,
  );
  return { code: r.code, out: r.stdout + r.stderr };
}

describe("switching a running system to the SM suite", () => {
  it("refuses, rotates, re-anchors, then verifies a chain of both hashes", async () => {
    await recordAudit(db, systemActor, {
      action: "org.create",
      entityType: "org",
      entityId: 1,
      after: { name: "中共临川市委员会" },
    });
    const first = await wanggui("default", "audit", "verify");
    expect(first.out).toMatch(/审计日志完整/);
    expect(readFileSync(path.join(dataDir, "field.key"), "utf8")).not.toMatch(/^sm:/);

    const refused = await wanggui("sm", "audit", "verify");
    expect(refused.code).not.toBe(0);
    expect(refused.out).toMatch(/国密套件.*field\.key 属于默认套件.*wanggui key rotate/);

    const rotated = await wanggui("sm", "key", "rotate");
    expect(rotated.out).toMatch(/字段加密密钥已轮换/);
    expect(readFileSync(path.join(dataDir, "field.key"), "utf8")).toMatch(/^sm:/);

    const signing = await wanggui("sm", "audit", "verify");
    expect(signing.code).not.toBe(0);
    expect(signing.out).toMatch(/审计签名密钥 .*audit-signing\.key 属于默认套件/);

    // The operator keeps the Ed25519 anchor apart: it still proves the log up to this point.
    const kept = path.join(dataDir, "anchor-ed25519");
    await run("mkdir", [kept]);
    for (const f of ["audit-signing.key", "audit-checkpoints.jsonl"]) {
      await rename(path.join(dataDir, f), path.join(kept, f));
    }
    const verified = await wanggui("sm", "audit", "verify");
    expect(verified.out).toMatch(/审计日志完整/);
    const header = JSON.parse(
      readFileSync(path.join(dataDir, "audit-checkpoints.jsonl"), "utf8").split("\n")[0] ?? "{}",
    );
    expect(header.alg).toBe("sm2");

    const algs = await db.query<{ hash_alg: number; n: number }>(
      "SELECT hash_alg, count(*)::int AS n FROM audit_events GROUP BY 1 ORDER BY 1",
    );
    expect(algs.rows.map((r) => r.hash_alg)).toEqual([2, 3]);
    const actions = await db.query<{ action: string }>(
      "SELECT action FROM audit_events ORDER BY id",
    );
    expect(actions.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(["audit.hash_alg.change", "key.rotate.start", "key.rotate.finish"]),
    );
    // Six CLI runs, each loading the server through tsx: minutes on a loaded 2-core machine.
  }, 300_000);
});
