/**
 * The SM suite (商用密码, ADR 0022): known answers from the GB/T standards for the primitives
 * node:crypto lends, SM4 field values, an SM3 audit chain sealed in the database, and SM2
 * checkpoint signatures that OpenSSL's own SM2 verifier accepts.
 */
import { execFile } from "node:child_process";
import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/db.ts";
import { HASHED_COLUMNS, type HashedRow, hashRowV2, sealPending } from "./audit/chain.ts";
import { openCheckpointLog } from "./audit/checkpoints.ts";
import { applyChainHash } from "./audit/hash-setting.ts";
import { recordAudit, systemActor } from "./audit/record.ts";
import { sealAndSign, sealAndVerify } from "./audit/sealer.ts";
import { SM2_USER_ID } from "./audit/signer.ts";
import { verifyChain } from "./audit/verify.ts";
import { FieldCipher } from "./crypto.ts";
import { type Db, withTx } from "./db/pool.ts";

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "wanggui-sm-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("known answers from the standards", () => {
  it("SM3 (GB/T 32905-2016, examples 1 and 2)", () => {
    expect(createHash("sm3").update("abc").digest("hex")).toBe(
      "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
    );
    expect(createHash("sm3").update("abcd".repeat(16)).digest("hex")).toBe(
      "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
    );
  });

  it("SM4 (GB/T 32907-2016, examples 1 and 2: once, and 1,000,000 times)", () => {
    const key = Buffer.from("0123456789abcdeffedcba9876543210", "hex");
    const ecb = createCipheriv("sm4-ecb", key, null).setAutoPadding(false);
    expect(ecb.update(key).toString("hex")).toBe("681edf34d206965e86b3e94f536e4246");
    let block: Buffer = key;
    const again = createCipheriv("sm4-ecb", key, null).setAutoPadding(false);
    for (let i = 0; i < 1_000_000; i++) block = again.update(block);
    expect(block.toString("hex")).toBe("595298c7c6fd271f0402f804c33d3f66");
  });
});

describe("SM4 field values", () => {
  const sm = new FieldCipher({ suite: "sm", bytes: Buffer.alloc(32, 5) });
  const aes = new FieldCipher(Buffer.alloc(32, 5));

  it("round-trips Chinese text under SM4 with a key id that names the suite", () => {
    const sealed = sm.encrypt("110101199003071234 · 城关镇第一党支部 王建国");
    expect(sealed.subarray(0, 3).toString("latin1")).toBe("ws1");
    expect(sm.keyIdOf(sealed)).toBe(sm.checkValue().slice(0, 8));
    expect(sm.decrypt(sealed)).toBe("110101199003071234 · 城关镇第一党支部 王建国");
    expect(sm.encrypt("13800138000").equals(sm.encrypt("13800138000"))).toBe(false);
  });

  it("refuses a value changed in any byte, and a value of another key", () => {
    const sealed = sm.encrypt("13912345678");
    for (const at of [7, 20, 30, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[at] = (bad[at] ?? 0) ^ 1;
      expect(() => sm.decrypt(bad)).toThrow();
    }
    const other = new FieldCipher({ suite: "sm", bytes: randomBytes(32) });
    expect(() => other.decrypt(sealed)).toThrow();
    expect(() => aes.decrypt(sealed)).toThrow();
  });

  it("keeps the same master bytes apart by suite: other check values and digests", () => {
    expect(sm.checkValue()).not.toBe(aes.checkValue());
    expect(sm.digest("110101199003071234")).not.toBe(aes.digest("110101199003071234"));
    expect(sm.digest("110101199003071234")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reads AES values, with and without key ids, in a ring whose SM4 key writes", () => {
    const old = new FieldCipher(randomBytes(32));
    const withId = old.encrypt("13700001111");
    const legacy = withId.subarray(7);
    const ring = new FieldCipher({ suite: "sm", bytes: randomBytes(32) }, ...old.ringForWorker());
    expect(ring.activeSuite()).toBe("sm");
    expect(ring.decrypt(withId)).toBe("13700001111");
    expect(ring.decrypt(legacy)).toBe("13700001111");
    expect(ring.decrypt(ring.encrypt("13700002222"))).toBe("13700002222");
    expect(ring.digests("x")).toHaveLength(2);
  });
});

async function writeEvents(db: Db, n: number, action: string) {
  await withTx(db, async (tx) => {
    for (let i = 0; i < n; i++) {
      await recordAudit(tx, systemActor, {
        action,
        entityType: "member",
        entityId: i + 1,
        orgPath: "1.3.7",
        after: { name: `李秀英${i}`, note: "组织关系转入" },
      });
    }
  });
}

describe("an SM3 audit chain", () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await testDatabase());
  });

  it("switches from SHA-256 to SM3 with an audit row, and verifies across the switch", async () => {
    await writeEvents(db, 3, "member.update");
    await sealPending(db);
    expect(await applyChainHash(db, "sm")).toBe(true);
    expect(await applyChainHash(db, "sm")).toBe(false);
    await writeEvents(db, 4, "member.update");
    await sealPending(db);
    const rows = await db.query<
      HashedRow & { hash_alg: number; prev_hash: string; hash: string; action: string }
    >(`SELECT ${HASHED_COLUMNS}, hash_alg, prev_hash, hash FROM audit_events ORDER BY chain_seq`);
    expect(rows.rows.map((r) => r.hash_alg)).toEqual([2, 2, 2, 3, 3, 3, 3, 3]);
    const change = rows.rows[3];
    expect(change?.action).toBe("audit.hash_alg.change");
    expect(JSON.parse(change?.after ?? "{}")).toEqual({ hashAlg: "SM3" });
    // The database's SM3 equals node:crypto's over format 2's bytes, and not SHA-256's.
    for (const row of rows.rows.slice(3)) {
      expect(hashRowV2(row.prev_hash, row, "sm3")).toBe(row.hash);
      expect(hashRowV2(row.prev_hash, row)).not.toBe(row.hash);
    }
    expect(await verifyChain(db)).toEqual({ ok: true, rows: 8, unsealed: 0, checkpoints: null });
  });

  it("names an SM3-sealed row changed afterwards", async () => {
    await withTx(db, async (tx) => {
      await tx.query("ALTER TABLE audit_events DISABLE TRIGGER USER");
      await tx.query(`UPDATE audit_events SET after = '{"name":"李秀英9"}' WHERE chain_seq = 6`);
      await tx.query("ALTER TABLE audit_events ENABLE TRIGGER USER");
    });
    const result = await verifyChain(db);
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.brokenAt.chainSeq).toBe(6);
  });

  it("lets the application's login read the setting but not change it", async () => {
    const grants = await db.query<{ privilege_type: string }>(
      `SELECT privilege_type FROM information_schema.role_table_grants
        WHERE table_name = 'audit_settings' AND grantee = 'PUBLIC'`,
    );
    expect(grants.rows).toEqual([]);
    await expect(db.query("UPDATE audit_settings SET hash_alg = 4")).rejects.toThrow(/check/);
  });
});

describe("SM2 checkpoints", () => {
  it("signs with SM2 that OpenSSL verifies, and catches an edited checkpoint", async () => {
    const { db } = await testDatabase();
    await applyChainHash(db, "sm");
    const keyFile = path.join(dir, "sm2.key");
    const file = path.join(dir, "sm2.jsonl");
    const log = await openCheckpointLog(keyFile, file, "sm");
    expect(log.suite).toBe("sm");
    await writeEvents(db, 5, "study.answer");
    await sealAndSign(db, log);
    expect(await sealAndVerify(db, log)).toMatchObject({ ok: true, rows: 6, checkpoints: 1 });

    const lines = (await readFile(file, "utf8")).trim().split("\n");
    const header = JSON.parse(lines[0] ?? "{}");
    expect(header.alg).toBe("sm2");
    const entry = JSON.parse(lines[1] ?? "{}");
    const message = `wanggui-audit-checkpoint:v1\n${entry.seq}\n${entry.hash}\n${entry.at}`;
    const pub = path.join(dir, "sm2.pub.pem");
    await writeFile(
      pub,
      `-----BEGIN PUBLIC KEY-----\n${header.publicKey}\n-----END PUBLIC KEY-----\n`,
    );
    await writeFile(path.join(dir, "msg"), message);
    await writeFile(path.join(dir, "sig"), Buffer.from(entry.sig, "base64"));
    const openssl = (distid: string) =>
      run("openssl", [
        "pkeyutl",
        "-verify",
        "-pubin",
        "-inkey",
        pub,
        "-rawin",
        "-digest",
        "sm3",
        "-pkeyopt",
        `distid:${distid}`,
        "-in",
        path.join(dir, "msg"),
        "-sigfile",
        path.join(dir, "sig"),
      ]);
    expect((await openssl(SM2_USER_ID)).stdout).toMatch(/Verified Successfully/);
    await expect(openssl("1234567812345679")).rejects.toThrow();

    const edited = { ...entry, hash: "0".repeat(64) };
    await writeFile(file, `${lines[0]}\n${JSON.stringify(edited)}\n`);
    const result = await sealAndVerify(db, log);
    expect(result.ok ? null : result.reason).toMatch(/第 2 行签名无效/);
  });

  it("refuses a signing key of the other suite at start, naming the file and both ways out", async () => {
    const edKey = path.join(dir, "ed.key");
    await openCheckpointLog(edKey, path.join(dir, "ed.jsonl"), "default");
    await expect(openCheckpointLog(edKey, path.join(dir, "ed.jsonl"), "sm")).rejects.toThrow(
      /国密套件.*ed\.key 属于默认套件.*WANGGUI_CRYPTO_SUITE=default/,
    );
    await expect(
      openCheckpointLog(path.join(dir, "sm2.key"), path.join(dir, "sm2.jsonl"), "default"),
    ).rejects.toThrow(/默认套件.*sm2\.key 属于国密套件/);
    // `key rotate` runs while the operator moves between suites: it is not refused.
    const lenient = await openCheckpointLog(edKey, path.join(dir, "ed.jsonl"), "sm", false);
    expect(lenient.suite).toBe("default");
  });
});
