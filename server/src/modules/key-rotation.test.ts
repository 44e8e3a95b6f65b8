/**
 * `wanggui key rotate` against a running server: the rotation moves every encrypted value in
 * small committed batches while the server reveals ID numbers, lists a filer's cases and adds
 * members; afterwards everything reads with the new key alone and the old one is refused.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testContext } from "../../test/db.ts";
import { buildApp } from "../app.ts";
import { cliActor } from "../platform/audit/record.ts";
import type { AppContext } from "../platform/context.ts";
import { FieldCipher, readKeyFile } from "../platform/crypto.ts";
import { openFieldCipher } from "../platform/field-key.ts";
import { rotateFieldKey } from "../platform/key-rotation.ts";
import { type CasesTree, casesTree, fileAReport } from "./cases/cases.fixtures.ts";
import { keyRotationSteps } from "./index.ts";
import { memberInput } from "./members/members.fixtures.ts";
import { call } from "./orgs/orgs.fixtures.ts";

let dir: string;
let keyFile: string;
let ctx: AppContext;
let app: FastifyInstance;
let t: CasesTree;
const noEnv = {};
const created: { id: number; idNumber: string; phone: string }[] = [];
let reportId: number;
const totp = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "wanggui-rotate-"));
  keyFile = path.join(dir, "field.key");
  // The factories write under the test key: the server's key file holds the same one.
  await writeFile(keyFile, Buffer.alloc(32, 7).toString("base64"), { mode: 0o600 });
  const base = await testContext();
  ctx = { ...base, cipher: await openFieldCipher(base.db, keyFile, noEnv) };
  app = await buildApp(ctx);
  await app.ready();
  t = await casesTree(ctx);
  for (let day = 1; day <= 28; day += 1) {
    const input = memberInput(t.branch.id, {
      name: `孙立${"一二三四五六七八九十"[day % 10]}`,
      birthDate: `1968-02-${String(day).padStart(2, "0")}`,
    });
    const res = await call(app, t.secretary, "POST", "/api/members", input);
    expect(res.statusCode, res.body).toBe(201);
    created.push({ id: res.json().id, idNumber: input.idNumber, phone: input.phone ?? "" });
  }
  // Rows written before ciphertexts named their key: the same bytes without the prefix.
  await ctx.db.query(
    "UPDATE members SET id_number_enc = substring(id_number_enc FROM 8) WHERE id = ANY($1::bigint[])",
    [created.slice(0, 5).map((m) => m.id)],
  );
  await ctx.db.query("UPDATE users SET totp_secret_enc = $2 WHERE id = $1", [
    t.disciplineUser.id,
    ctx.cipher.encrypt(totp),
  ]);
  reportId = (await fileAReport(app, t.filer)).id;
});

afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

async function reveal(memberId: number) {
  const res = await call(app, t.secretary, "POST", `/api/members/${memberId}/reveal`, {
    field: "idNumber",
    reason: "核对组织关系转接材料",
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().value as string;
}

async function myCaseIds() {
  const res = await call(app, t.filer, "GET", "/api/cases/mine");
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((c: { id: number }) => c.id) as number[];
}

describe("wanggui key rotate", () => {
  it("moves every encrypted value to a new key while the server reads and writes", async () => {
    const oldKey = readKeyFile(keyFile);
    const rotation = rotateFieldKey({
      db: ctx.db,
      keyFile,
      steps: keyRotationSteps,
      actor: cliActor,
      batch: 3,
      settleMs: 1200,
    });
    let reads = 0;
    let running = true;
    void rotation.finally(() => {
      running = false;
    });
    const added: { id: number; idNumber: string }[] = [];
    while (running) {
      const m = created[reads % created.length] as (typeof created)[number];
      expect(await reveal(m.id)).toBe(m.idNumber);
      expect(await myCaseIds()).toContain(reportId);
      if (reads % 4 === 0) {
        const input = memberInput(t.branch.id, {
          name: "钱雪梅",
          gender: "female",
          birthDate: `1981-05-${String(1 + (added.length % 28)).padStart(2, "0")}`,
        });
        const res = await call(app, t.secretary, "POST", "/api/members", input);
        expect(res.statusCode, res.body).toBe(201);
        added.push({ id: res.json().id, idNumber: input.idNumber });
      }
      reads += 1;
    }
    const report = await rotation;
    expect(reads).toBeGreaterThan(5);
    expect(report.moved["members (id_number_enc, phone_enc)"]).toBeGreaterThanOrEqual(28);
    expect(report.moved["case_events (body)"]).toBeGreaterThanOrEqual(1);
    expect(report.moved["case_filers (filer_digest)"]).toBeGreaterThanOrEqual(1);
    expect(report.moved["cases (link_digest)"]).toBe(1);

    // The old key is retired: kept apart for older backups, then removed.
    const newKey = readKeyFile(keyFile);
    expect(newKey.bytes.equals(oldKey.bytes)).toBe(false);
    expect(readKeyFile(report.retiredFile).bytes.equals(oldKey.bytes)).toBe(true);
    expect(existsSync(`${keyFile}.next`)).toBe(false);
    await unlink(report.retiredFile);

    const alone = new FieldCipher(newKey);
    const prefix = alone.activePrefix();
    const stale = await ctx.db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM members WHERE substring(id_number_enc FROM 1 FOR 7) <> $1
                 OR substring(phone_enc FROM 1 FOR 7) <> $1)
            + (SELECT count(*) FROM case_events WHERE substring(body FROM 1 FOR 7) <> $1)
            + (SELECT count(*) FROM case_filers WHERE substring(identity FROM 1 FOR 7) <> $1)
            + (SELECT count(*) FROM users WHERE substring(totp_secret_enc FROM 1 FOR 7) <> $1)
            AS n`,
      [prefix],
    );
    expect(stale.rows[0]?.n).toBe(0);
    for (const m of [...created, ...added]) {
      const row = await ctx.db.query<{ enc: Buffer; digest: string }>(
        "SELECT id_number_enc AS enc, id_number_digest AS digest FROM members WHERE id = $1",
        [m.id],
      );
      expect(alone.decrypt(row.rows[0]?.enc as Buffer)).toBe(m.idNumber);
      expect(row.rows[0]?.digest).toBe(alone.digest(m.idNumber));
    }
    const secret = await ctx.db.query<{ enc: Buffer }>(
      "SELECT totp_secret_enc AS enc FROM users WHERE id = $1",
      [t.disciplineUser.id],
    );
    expect(alone.decrypt(secret.rows[0]?.enc as Buffer)).toBe(totp);

    const audit = await ctx.db.query<{ action: string; entity_id: string }>(
      "SELECT action, entity_id FROM audit_events WHERE entity_type = 'field_key' ORDER BY id",
    );
    expect(audit.rows).toEqual([
      { action: "key.rotate.start", entity_id: alone.checkValue() },
      { action: "key.rotate.finish", entity_id: alone.checkValue() },
    ]);
  });

  it("serves a restarted server from the new key alone: lookups, duplicates and the filer's cases", async () => {
    const restarted = { ...ctx, cipher: await openFieldCipher(ctx.db, keyFile, noEnv) };
    const again = await buildApp(restarted);
    await again.ready();
    try {
      const m = created[0] as (typeof created)[number];
      const dup = await call(again, t.secretary, "POST", "/api/members", {
        ...memberInput(t.branch.id, { name: "孙立新", birthDate: "1968-02-01" }),
        idNumber: m.idNumber,
      });
      expect(dup.statusCode, dup.body).toBe(409);
      expect(dup.json().error.field).toBe("idNumber");
      const mine = await call(again, t.filer, "GET", "/api/cases/mine");
      expect(mine.json().items.map((c: { id: number }) => c.id)).toContain(reportId);
      const detail = await call(again, t.filer, "GET", `/api/cases/mine/${reportId}`);
      expect(detail.statusCode, detail.body).toBe(200);
      expect(detail.body).toContain("青山夜话");
    } finally {
      await again.close();
    }
  });

  it("still refuses the retired key or a missing key file, naming the file", async () => {
    const old = path.join(dir, "old.key");
    await writeFile(old, Buffer.alloc(32, 7).toString("base64"));
    await expect(openFieldCipher(ctx.db, old, noEnv)).rejects.toThrow(
      /old\.key与数据库记录的校验值不符.*换回原来的密钥/,
    );
    const lost = path.join(dir, "gone", "field.key");
    await expect(openFieldCipher(ctx.db, lost, noEnv)).rejects.toThrow(
      new RegExp(`${lost.replaceAll("/", "\\/")} 不存在`),
    );
  });

  it("resumes a rotation that stopped half way, and refuses to start without its next key", async () => {
    const before = readKeyFile(keyFile);
    await writeFile(`${keyFile}.next`, Buffer.alloc(32, 11).toString("base64"), { mode: 0o600 });
    const next = new FieldCipher(Buffer.alloc(32, 11), before);
    await ctx.db.query(
      "INSERT INTO system_state (key, value) VALUES ('field_key_rotation', $1::jsonb)",
      [JSON.stringify({ from: new FieldCipher(before).checkValue(), to: next.checkValue() })],
    );
    // Half the members moved when the run stopped.
    const half = created.slice(0, 14);
    for (const m of half) {
      await ctx.db.query(
        "UPDATE members SET id_number_enc = $2, id_number_digest = $3 WHERE id = $1",
        [m.id, next.encrypt(m.idNumber), next.digest(m.idNumber)],
      );
    }
    const during = await openFieldCipher(ctx.db, keyFile, noEnv);
    expect(during.checkValue()).toBe(next.checkValue());
    await rm(`${keyFile}.next`);
    await expect(openFieldCipher(ctx.db, keyFile, noEnv)).rejects.toThrow(
      /field\.key\.next 不存在.*恢复/,
    );
    await writeFile(`${keyFile}.next`, Buffer.alloc(32, 11).toString("base64"), { mode: 0o600 });
    const report = await rotateFieldKey({
      db: ctx.db,
      keyFile,
      steps: keyRotationSteps,
      actor: cliActor,
      settleMs: 0,
    });
    expect(report.to).toBe(next.checkValue());
    const alone = await openFieldCipher(ctx.db, keyFile, noEnv);
    for (const m of created) {
      const row = await ctx.db.query<{ enc: Buffer }>(
        "SELECT id_number_enc AS enc FROM members WHERE id = $1",
        [m.id],
      );
      expect(alone.decrypt(row.rows[0]?.enc as Buffer)).toBe(m.idNumber);
    }
  });
});
