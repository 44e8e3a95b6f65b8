/**
 * Plays the insider who wants a member's 身份证号码 without the audited reveal: for every role,
 * everything it can read (the member list and detail, its own record, the roster export, the
 * audit log) is gathered, and the number is rebuilt from whatever masks, dates and genders
 * lie beside the member's name. At least MIN_CANDIDATES numbers must remain possible.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { testDatabase } from "../../../test/db.ts";
import { buildUser, signIn } from "../../../test/factories.ts";
import { sealPending } from "../../platform/audit/chain.ts";
import { recordAudit, systemActor } from "../../platform/audit/record.ts";
import { verifyChain } from "../../platform/audit/verify.ts";
import type { AppContext } from "../../platform/context.ts";
import { type Caller, call, callerWith, countyTree } from "../orgs/orgs.fixtures.ts";
import { idChecksumOk } from "./member-rules.ts";
import { memberInput } from "./members.fixtures.ts";

const MIN_CANDIDATES = 100;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

interface Target {
  id: number;
  name: string;
  idNumber: string;
  birthDate: string;
  gender: "male" | "female";
}

/** Every JSON object (at any depth) and every spreadsheet row that names the member. */
function aboutTarget(visible: unknown[], target: Target): string[] {
  const found: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) {
      const text = JSON.stringify(v);
      if (v.every((c) => typeof c !== "object" || c === null) && text.includes(target.name)) {
        found.push(text);
      }
      v.forEach(walk);
    } else if (v && typeof v === "object") {
      const text = JSON.stringify(v);
      const o = v as Record<string, unknown>;
      const own =
        Object.values(o).includes(target.name) ||
        (o.entityType === "member" && o.entityId === String(target.id)) ||
        (o.id === target.id && "idNumberMasked" in o);
      if (own) found.push(text);
      Object.values(v).forEach(walk);
    }
  };
  visible.forEach(walk);
  return found;
}

/**
 * How many 18-character numbers fit what the attacker sees of one member: the characters any
 * mask shows, the birth date if it appears beside the name, and always the birth year and the
 * gender (assumed known). An unknown region counts as 1,000 counties.
 */
function candidates(texts: string[], target: Target): number {
  const known: (string | null)[] = Array(18).fill(null);
  for (const text of texts) {
    expect(text, "the clear ID number is visible").not.toContain(target.idNumber);
    for (const [token] of text.matchAll(/[0-9X*]{18}/g)) {
      const fits = [...token].every((c, i) => c === "*" || c === target.idNumber[i]);
      if (!fits) continue;
      [...token].forEach((c, i) => {
        if (c !== "*") known[i] = c;
      });
    }
  }
  const digits = target.birthDate.replaceAll("-", "");
  const dateSeen = texts.some((t) => t.includes(target.birthDate) || t.includes(digits));
  const seen = dateSeen ? digits : digits.slice(0, 4);
  for (const [i, c] of [...seen].entries()) known[6 + i] = c;
  const regionFactor = known.slice(0, 6).every((c) => c !== null) ? 1 : 1000;
  const region = target.idNumber.slice(0, 6);
  const days: string[] = [];
  for (let d = new Date(`${target.birthDate.slice(0, 4)}-01-01T00:00:00Z`); ; ) {
    const iso = d.toISOString().slice(0, 10);
    if (!iso.startsWith(target.birthDate.slice(0, 4))) break;
    const md = iso.slice(5).replace("-", "");
    if ([...md].every((c, i) => known[10 + i] === null || known[10 + i] === c)) days.push(md);
    d = new Date(d.getTime() + 86_400_000);
  }
  let count = 0;
  for (const md of days) {
    for (let s = 0; s < 1000; s++) {
      const seq = String(s).padStart(3, "0");
      if ([...seq].some((c, i) => known[14 + i] !== null && known[14 + i] !== c)) continue;
      if ((Number(seq[2]) % 2 === 1 ? "male" : "female") !== target.gender) continue;
      const body = `${region}${target.birthDate.slice(0, 4)}${md}${seq}`;
      const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
      const check = CHECK[sum % 11] as string;
      if (known[17] !== null && known[17] !== check) continue;
      if (!idChecksumOk(`${body}${check}`)) continue;
      count += 1;
    }
  }
  return count * regionFactor;
}

async function xlsxRows(body: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const rows: string[][] = [];
  book.worksheets[0]?.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? "")));
  });
  return rows;
}

/** Everything one caller can read about the roster: JSON answers and export rows. */
async function everythingVisible(app: FastifyInstance, who: Caller, targets: Target[]) {
  const visible: unknown[] = [];
  const json = async (url: string) => {
    const res = await call(app, who, "GET", url);
    if (res.statusCode === 200) visible.push(res.json());
  };
  await json("/api/members?pageSize=100&includeArchived=true");
  await json("/api/members/me");
  for (const t of targets) await json(`/api/members/${t.id}`);
  for (let page = 1; page <= 5; page++) await json(`/api/audit-events?pageSize=100&page=${page}`);
  const exported = await call(app, who, "GET", "/api/roster/export");
  if (exported.statusCode === 200) visible.push(await xlsxRows(exported.rawPayload));
  return visible;
}

let app: FastifyInstance;
let ctx: AppContext;
let t: Awaited<ReturnType<typeof countyTree>>;
const targets: Target[] = [];
const roles: Record<string, Caller> = {};

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await countyTree(ctx, "身份");
  const people = [
    { name: "赵海燕", gender: "female", birthDate: "1986-11-23" },
    { name: "钱卫东", gender: "male", birthDate: "1979-02-08" },
    { name: "孙丽娟", gender: "female", birthDate: "1992-07-30" },
  ] as const;
  for (const p of people) {
    const body = memberInput(t.branch.id, {
      ...p,
      joinedOn: "2015-07-01",
      confirmedOn: "2016-07-01",
    });
    const res = await call(app, t.secretary, "POST", "/api/members", body);
    expect(res.statusCode, res.body).toBe(201);
    targets.push({ ...p, id: res.json().id, idNumber: body.idNumber });
  }
  // A member edited later: the update's audit row carries masks too.
  const edited = targets[1] as Target;
  const res = await call(app, t.secretary, "PATCH", `/api/members/${edited.id}`, {
    position: "组织委员",
    isCadre: true,
  });
  expect(res.statusCode, res.body).toBe(200);
  const self = targets[0] as Target;
  const memberUser = await buildUser(ctx.db, {
    role: "member",
    at: t.branch,
    member: { id: self.id, name: self.name, orgId: t.branch.id, idNumber: "", phone: "" },
  });
  Object.assign(roles, {
    secretary: t.secretary,
    propaganda: t.propaganda,
    discipline: await callerWith(ctx, "discipline_officer", t.town),
    audit: await callerWith(ctx, "audit_admin", t.county),
    system: t.admin,
    member: { headers: (await signIn(ctx.db, memberUser)).headers },
  });
});

describe("ID numbers against an insider who reads everything their role shows", () => {
  it.each(["secretary", "propaganda", "discipline", "audit", "system", "member"])(
    "a %s cannot rebuild any member's ID number",
    async (role) => {
      const visible = await everythingVisible(app, roles[role] as Caller, targets);
      for (const target of targets) {
        const about = aboutTarget(visible, target);
        const seesRoster = role !== "system" && (role !== "member" || target === targets[0]);
        expect(about.length > 0, `${role} sees ${target.name}`).toBe(seesRoster);
        expect(candidates(about, target), `${role} → ${target.name}`).toBeGreaterThanOrEqual(
          MIN_CANDIDATES,
        );
      }
    },
  );

  it("shows the full birth date only to whoever keeps the record and to the member", async () => {
    const [first] = targets as [Target];
    const birth = async (who: Caller, url = `/api/members/${first.id}`) =>
      (await call(app, who, "GET", url)).json() as { birthDate: string | null; birthYear: number };
    expect(await birth(t.secretary)).toMatchObject({ birthDate: first.birthDate });
    expect(await birth(t.propaganda)).toMatchObject({ birthDate: null, birthYear: 1986 });
    expect(await birth(roles.discipline as Caller)).toMatchObject({ birthDate: null });
    expect(await birth(roles.member as Caller, "/api/members/me")).toMatchObject({
      birthDate: first.birthDate,
    });
  });
});

describe("migration 0007c redacts masks already written to members and the audit log", () => {
  it("rewrites old masks, records the redaction and leaves a chain that verifies", async () => {
    const { db } = await testDatabase();
    const idNumber = memberInput(1, { birthDate: "1983-04-17", gender: "male" }).idNumber;
    const oldMask = `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`;
    await recordAudit(db, systemActor, { action: "org.create", entityType: "org", after: {} });
    await recordAudit(db, systemActor, {
      action: "member.create",
      entityType: "member",
      entityId: 7,
      after: { name: "周建国", birthDate: "1983-04-17", idNumberMasked: oldMask },
    });
    await recordAudit(db, systemActor, {
      action: "member.update",
      entityType: "member",
      entityId: 7,
      before: { idNumberMasked: oldMask },
      after: { idNumberMasked: oldMask, sensitiveChanged: ["idNumber"] },
    });
    await sealPending(db);
    await recordAudit(db, systemActor, { action: "org.rename", entityType: "org", after: {} });
    const sql = await readFile(
      path.resolve(import.meta.dirname, "../../../migrations/0007c_redact_id_number_masks.sql"),
      "utf8",
    );
    const client = await db.connect();
    try {
      await client.query("BEGIN");
      // The redaction runs on a database upgraded from 0007b, before 0008 guards the chain:
      // this file's template has every migration, so the guards are set aside to match.
      await client.query("ALTER TABLE audit_events DISABLE TRIGGER USER");
      await client.query("ALTER TABLE audit_chain_head DISABLE TRIGGER USER");
      await client.query(sql);
      await client.query("ALTER TABLE audit_events ENABLE TRIGGER USER");
      await client.query("ALTER TABLE audit_chain_head ENABLE TRIGGER USER");
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    const text = await db.query<{ t: string }>(
      "SELECT string_agg(coalesce(before::text, '') || coalesce(after::text, ''), ' ') AS t FROM audit_events",
    );
    expect(text.rows[0]?.t).not.toContain(idNumber.slice(-4));
    expect(text.rows[0]?.t).toContain(`${idNumber.slice(0, 6)}************`);
    const redact = await db.query<{ after: { rows: number; resealedFromChainSeq: number } }>(
      "SELECT after FROM audit_events WHERE action = 'audit.redact'",
    );
    expect(redact.rows[0]?.after).toMatchObject({ rows: 2, resealedFromChainSeq: 2 });
    expect((await verifyChain(db)).ok).toBe(true);
    expect(await sealPending(db)).toBe(4);
    expect(await verifyChain(db)).toMatchObject({ ok: true, rows: 5, unsealed: 0 });
  });
});
