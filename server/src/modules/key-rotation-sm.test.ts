/**
 * Moving a running system's encrypted fields from AES to SM4 (ADR 0022): `wanggui key rotate`
 * under WANGGUI_CRYPTO_SUITE=sm writes an SM4 key and re-encrypts everything while the server
 * keeps revealing ID numbers; before and after, a key of the other suite is refused at start.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testContext, testDatabase } from "../../test/db.ts";
import { buildApp } from "../app.ts";
import { cliActor } from "../platform/audit/record.ts";
import type { AppContext } from "../platform/context.ts";
import { readKeyFile } from "../platform/crypto.ts";
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
const created: { id: number; idNumber: string }[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "wanggui-rotate-sm-"));
  keyFile = path.join(dir, "field.key");
  await writeFile(keyFile, Buffer.alloc(32, 7).toString("base64"), { mode: 0o600 });
  const base = await testContext();
  ctx = { ...base, cipher: await openFieldCipher(base.db, keyFile, noEnv, "default") };
  app = await buildApp(ctx);
  await app.ready();
  t = await casesTree(ctx);
  for (let day = 1; day <= 9; day += 1) {
    const input = memberInput(t.branch.id, {
      name: `周建华${day}`,
      birthDate: `1975-08-${String(day).padStart(2, "0")}`,
    });
    const res = await call(app, t.secretary, "POST", "/api/members", input);
    expect(res.statusCode, res.body).toBe(201);
    created.push({ id: res.json().id, idNumber: input.idNumber });
  }
  await fileAReport(app, t.filer);
});

afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

async function reveal(memberId: number) {
  const res = await call(app, t.secretary, "POST", `/api/members/${memberId}/reveal`, {
    field: "idNumber",
    reason: "核对党员档案",
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().value as string;
}

async function prefixes() {
  const r = await ctx.db.query<{ p: string; n: number }>(
    `SELECT encode(substring(v FROM 1 FOR 3), 'escape') AS p, count(*)::int AS n FROM (
       SELECT id_number_enc AS v FROM members UNION ALL SELECT phone_enc FROM members
       WHERE phone_enc IS NOT NULL UNION ALL SELECT body FROM case_events) x GROUP BY 1`,
  );
  return Object.fromEntries(r.rows.map((row) => [row.p, row.n]));
}

describe("from AES to SM4", () => {
  it("refuses to start under the SM suite with the AES key, naming the key and the command", async () => {
    await expect(openFieldCipher(ctx.db, keyFile, noEnv, "sm")).rejects.toThrow(
      /国密套件.*WANGGUI_CRYPTO_SUITE=sm.*field\.key 属于默认套件.*wanggui key rotate/,
    );
  });

  it("re-encrypts every field under an SM4 key while the server reads", async () => {
    expect(Object.keys(await prefixes())).toEqual(["wk1"]);
    const rotation = rotateFieldKey({
      db: ctx.db,
      keyFile,
      steps: keyRotationSteps,
      actor: cliActor,
      suite: "sm",
      batch: 4,
      settleMs: 1200,
    });
    let running = true;
    void rotation.finally(() => {
      running = false;
    });
    for (let i = 0; running; i += 1) {
      const m = created[i % created.length] as (typeof created)[number];
      expect(await reveal(m.id)).toBe(m.idNumber);
    }
    const report = await rotation;
    expect(readFileSync(keyFile, "utf8")).toMatch(/^sm:/);
    expect(readKeyFile(report.retiredFile).suite).toBe("default");
    expect(Object.keys(await prefixes())).toEqual(["ws1"]);
    const start = await ctx.db.query<{ after: { suite: string }; before: { suite: string } }>(
      "SELECT before, after FROM audit_events WHERE action = 'key.rotate.start'",
    );
    expect(start.rows).toEqual([
      {
        before: expect.objectContaining({ suite: "default" }),
        after: expect.objectContaining({ suite: "sm" }),
      },
    ]);

    // A restart under the SM suite reads every field with the SM4 key alone.
    const restarted = await openFieldCipher(ctx.db, keyFile, noEnv, "sm");
    expect(restarted.checkValues()).toEqual([report.to]);
    const rows = await ctx.db.query<{ id: number; enc: Buffer }>(
      "SELECT id, id_number_enc AS enc FROM members WHERE id = ANY($1::bigint[])",
      [created.map((m) => m.id)],
    );
    for (const row of rows.rows) {
      expect(restarted.decrypt(row.enc)).toBe(
        created.find((m) => m.id === Number(row.id))?.idNumber,
      );
    }
    // And the default suite no longer starts on it.
    await expect(openFieldCipher(ctx.db, keyFile, noEnv, "default")).rejects.toThrow(
      /默认套件.*属于国密套件/,
    );
  });

  it("writes an SM4 key at the first start of a new system under the SM suite", async () => {
    const { db } = await testDatabase();
    const fresh = path.join(dir, "fresh.key");
    const cipher = await openFieldCipher(db, fresh, noEnv, "sm");
    expect(cipher.activeSuite()).toBe("sm");
    expect(readFileSync(fresh, "utf8")).toMatch(/^sm:[A-Za-z0-9+/]{43}=$/);
    expect((await openFieldCipher(db, fresh, noEnv, "sm")).checkValue()).toBe(cipher.checkValue());
  });
});
