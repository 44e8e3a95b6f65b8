/**
 * A large roster is previewed and imported on a worker thread with a database connection and
 * a field cipher of its own (issue 10). These tests hold the worker to what the main thread
 * does with the same file: the same answer, the same rows, sealed fields and audit rows, every
 * key of a rotating ring, and its refusals arriving as they were raised.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testCipher, testContext } from "../../../test/db.ts";
import { buildUser } from "../../../test/factories.ts";
import { walBytesBetween, walPosition } from "../../../test/wal.ts";
import { type Actor, loadActor } from "../../platform/auth/actor.ts";
import type { AppContext } from "../../platform/context.ts";
import { FieldCipher } from "../../platform/crypto.ts";
import type { Progress } from "../../platform/progress-jobs.ts";
import { countyTree } from "../orgs/orgs.fixtures.ts";
import { LISTED_ISSUES } from "./roster.schemas.ts";
import { idMaker, rosterRow, rosterWorkbook } from "./roster-test-files.ts";
import { importRosterFile, previewRosterFile, type RosterDeps } from "./roster-thread.ts";

let ctx: AppContext;
let t: Awaited<ReturnType<typeof countyTree>>;
let actor: Actor;
let deps: RosterDeps;
const id = idMaker(900);
const ON_WORKER = { workerFromBytes: 0 };
const ON_MAIN = { workerFromBytes: Number.MAX_SAFE_INTEGER };

beforeAll(async () => {
  ctx = await testContext();
  t = await countyTree(ctx, "线程");
  const user = await buildUser(ctx.db, { role: "secretary", at: t.branch });
  actor = (await loadActor(ctx.db, user.id)) as Actor;
  deps = { db: ctx.db, cipher: ctx.cipher, audit: { userId: user.id, label: user.username } };
});

async function auditRows(action: string): Promise<number> {
  const r = await ctx.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM audit_events WHERE action = $1",
    [action],
  );
  return r.rows[0]?.n ?? 0;
}

describe("a roster on a worker thread", () => {
  it("previews with the same answer and audit as the main thread, reporting its progress", async () => {
    const rows = [
      rosterRow(id, "线程甲", t.branch.name),
      rosterRow(id, "线程乙", t.branch.name, { 出生日期: "1980-02-30" }),
      rosterRow(id, "线程丙", "不存在的党支部"),
    ];
    const file = await rosterWorkbook(rows);
    const seen: Progress[] = [];
    const checks = await auditRows("member.id_number_check");
    const threaded = await previewRosterFile(
      deps,
      actor,
      file,
      "zh-CN",
      (p) => seen.push(p),
      ON_WORKER,
    );
    const inline = await previewRosterFile(deps, actor, file, "zh-CN", () => {}, ON_MAIN);
    expect(threaded).toEqual(inline);
    expect(threaded).toMatchObject({ rows: 3, validRows: 1 });
    expect(threaded.issues.map((i) => [i.row, i.column])).toEqual([
      [3, "出生日期"],
      [4, "所在党组织"],
    ]);
    expect(seen).toContainEqual({ stage: "checking", done: 3, total: null });
    expect(await auditRows("member.id_number_check")).toBe(checks + 2);
  });

  it("imports in one transaction: members with sealed fields, history and audit rows", async () => {
    const names = ["线程丁", "线程戊"];
    const rows = names.map((n) => rosterRow(id, n, t.branch.name));
    const before = {
      create: await auditRows("member.create"),
      file: await auditRows("roster.import"),
    };
    const seen: Progress[] = [];
    const res = await importRosterFile(
      deps,
      actor,
      await rosterWorkbook(rows),
      "线程.xlsx",
      (p) => seen.push(p),
      ON_WORKER,
    );
    expect(res).toEqual({ created: 2 });
    expect(seen.at(-1)).toEqual({ stage: "writing", done: 2, total: null });
    const stored = await ctx.db.query<{ name: string; enc: Buffer; digest: string; open: number }>(
      `SELECT m.name, m.id_number_enc AS enc, m.id_number_digest AS digest,
              (SELECT count(*)::int FROM member_org_history h WHERE h.member_id = m.id) AS open
         FROM members m WHERE m.name = ANY($1) ORDER BY m.name`,
      [names],
    );
    const idColumn = 4;
    expect(stored.rows.map((r) => [r.name, ctx.cipher.decrypt(r.enc), r.digest, r.open])).toEqual(
      rows
        .map((r) => [r[0], r[idColumn], ctx.cipher.digest(r[idColumn] as string), 1])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(await auditRows("member.create")).toBe(before.create + 2);
    expect(await auditRows("roster.import")).toBe(before.file + 1);
  });

  it("leaves no ID number or phone in clear for an insider reading the tables, their files and the WAL", async () => {
    const people = ["密甲", "密乙", "密丙"].map((name, i) => ({
      name,
      row: rosterRow(id, name, t.branch.name, { 手机号: `1371234${5670 + i}` }),
    }));
    const secrets = people.flatMap((p) => [p.row[4] as string, p.row[5] as string]);
    await ctx.db.query("CHECKPOINT");
    const start = await walPosition(ctx.db);
    const lastAudit = await ctx.db.query<{ id: number }>(
      "SELECT coalesce(max(id), 0)::int AS id FROM audit_events",
    );
    const file = await rosterWorkbook(people.map((p) => p.row));
    await importRosterFile(deps, actor, file, "密.xlsx", () => {}, ON_WORKER);
    await ctx.db.query("CHECKPOINT");
    const wal = await walBytesBetween(ctx.db, start, await walPosition(ctx.db));
    const tables = await ctx.db.query<{ bytes: Buffer }>(
      `SELECT pg_read_binary_file(pg_relation_filepath(t)) AS bytes
         FROM unnest(ARRAY['members', 'member_org_history', 'audit_events']) AS t`,
    );
    const heap = tables.rows.map((r) => r.bytes.toString("latin1")).join("");
    const rows = await ctx.db.query<{ doc: string }>(
      `SELECT row_to_json(m)::text AS doc FROM members m WHERE name = ANY($1)
       UNION ALL SELECT row_to_json(a)::text FROM audit_events a WHERE id > $2`,
      [people.map((p) => p.name), lastAudit.rows[0]?.id ?? 0],
    );
    // The names are stored in clear: finding them shows each place was read where the rows are.
    for (const { name } of people) {
      expect(wal).toContain(Buffer.from(name).toString("latin1"));
      expect(heap).toContain(Buffer.from(name).toString("latin1"));
    }
    expect(rows.rows.length).toBeGreaterThanOrEqual(people.length * 2 + 1);
    const docs = rows.rows.map((r) => r.doc).join("\n");
    for (const secret of secrets) {
      expect(wal).not.toContain(secret);
      expect(heap).not.toContain(secret);
      expect(docs).not.toContain(secret);
    }
  });

  it("checks ID numbers against every key of a rotating ring, not only the one that writes", async () => {
    const row = rosterRow(id, "线程己", t.branch.name);
    await importRosterFile(deps, actor, await rosterWorkbook([row]), null, () => {}, ON_WORKER);
    // The key the member was written under is now the one being retired.
    const rotating = new FieldCipher(Buffer.alloc(32, 9), Buffer.alloc(32, 7));
    expect(rotating.checkValues()[1]).toBe(testCipher.checkValue());
    const again = await rosterWorkbook([
      rosterRow(id, "线程庚", t.branch.name, { 身份证号: row[4] as string }),
    ]);
    const res = await previewRosterFile(
      { ...deps, cipher: rotating },
      actor,
      again,
      "zh-CN",
      () => {},
      ON_WORKER,
    );
    expect(res.issues).toEqual([
      { row: 2, column: "身份证号", message: "该身份证号码已登记，同一人不能重复建档" },
    ]);
  });

  it("lists the first problems by row when there are more than it lists, and counts them all", async () => {
    // Two problems a row; each row's own birthday keeps its ID number unique in the file.
    const rows = Array.from({ length: LISTED_ISSUES / 2 + 1 }, (_, i) => {
      const birth = new Date(Date.UTC(1960, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      const bad = { 性别: "未知", 出生日期: "1980-02-30", 身份证号: id(birth) };
      return rosterRow(id, `错行${i}`, t.branch.name, bad);
    });
    const res = await previewRosterFile(
      deps,
      actor,
      await rosterWorkbook(rows),
      "zh-CN",
      () => {},
      ON_WORKER,
    );
    expect(res.issueCount).toBe(LISTED_ISSUES + 2);
    expect(res.issues).toHaveLength(LISTED_ISSUES);
    expect(res.issues.at(-1)).toMatchObject({ row: LISTED_ISSUES / 2 + 1, column: "出生日期" });
  });

  it("runs one large roster at a time, the next one showing that it waits its turn", async () => {
    const file = await rosterWorkbook([rosterRow(id, "排队甲", t.branch.name)]);
    const stages: string[][] = [[], []];
    const [first, second] = await Promise.all(
      stages.map((seen) =>
        previewRosterFile(deps, actor, file, "zh-CN", (p) => seen.push(p.stage), ON_WORKER),
      ),
    );
    expect(second).toEqual(first);
    expect(stages[0]).not.toContain("queued");
    expect(stages[1]?.[0]).toBe("queued");
    expect(stages[1]).toContain("checking");
  });

  it("refuses a file that needs more than the worker's heap as too large, and the server goes on", async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => rosterRow(id, `超限${i}`, t.branch.name));
    const file = await rosterWorkbook(rows);
    await expect(
      previewRosterFile(deps, actor, file, "zh-CN", () => {}, { workerFromBytes: 0, heapMb: 4 }),
    ).rejects.toMatchObject({
      status: 400,
      code: "roster_too_large",
      text: { "zh-CN": expect.stringMatching(/超出一次导入可用的内存/) },
    });
    const small = await rosterWorkbook([rosterRow(id, "超限后", t.branch.name)]);
    expect(await previewRosterFile(deps, actor, small, "zh-CN", () => {}, ON_WORKER)).toMatchObject(
      {
        rows: 1,
        issueCount: 0,
      },
    );
  });

  it("sends its refusals back as the same errors, and writes nothing", async () => {
    const members = await ctx.db.query("SELECT 1 FROM members");
    await expect(
      importRosterFile(deps, actor, Buffer.from("不是表格"), null, () => {}, ON_WORKER),
    ).rejects.toMatchObject({ status: 400, code: "roster_unreadable", field: "file" });
    const late = await rosterWorkbook([
      rosterRow(id, "线程辛", t.branch.name),
      rosterRow(id, "线程壬", t.branch.name, { 入党日期: "2099-01-01" }),
    ]);
    await expect(
      importRosterFile(deps, actor, late, null, () => {}, ON_WORKER),
    ).rejects.toMatchObject({
      status: 400,
      code: "roster_invalid",
      text: { "zh-CN": expect.stringMatching(/^名册中有 \d+ 处错误，未写入任何记录/) },
    });
    expect((await ctx.db.query("SELECT 1 FROM members")).rowCount).toBe(members.rowCount);
  });
});
