import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildApp } from "../../app.ts";
import type { AppContext } from "../../platform/context.ts";
import {
  anonymous,
  auditCount,
  type Caller,
  call,
  callerWith,
  countyTree,
} from "../orgs/orgs.fixtures.ts";
import { parseRoster } from "./parse-roster.ts";
import { streamRoster } from "./read-roster.ts";
import { idMaker, rosterRow, rosterWorkbook, uploadRoster } from "./roster-test-files.ts";

let app: FastifyInstance;
/** A second server process on the same database, as behind a load balancer. */
let other: FastifyInstance;
let ctx: AppContext;
let t: Awaited<ReturnType<typeof countyTree>>;
const id = idMaker(400);

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await countyTree(ctx, "任务");
  other = await buildApp(ctx);
  await other.ready();
});
afterAll(() => other.close());

function upload(who: Caller, url: string, file: Buffer, on = app) {
  return uploadRoster(on, who, url, file);
}

/** Polls a job until it leaves `running` (bounded: 30 s). */
async function finished(who: Caller, jobId: string, on = app) {
  for (let i = 0; i < 300; i++) {
    const res = await call(on, who, "GET", `/api/roster/jobs/${jobId}`);
    expect(res.statusCode, res.body).toBe(200);
    if (res.json().state !== "running") return res.json();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("job did not finish in 30 s");
}

async function named(prefix: string): Promise<number> {
  const r = await ctx.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM members WHERE name LIKE $1",
    [`${prefix}%`],
  );
  return r.rows[0]?.n ?? 0;
}

describe("roster jobs", () => {
  it("previews in the background, with the same answer as the direct preview", async () => {
    const file = await rosterWorkbook([
      rosterRow(id, "后台甲", t.branch.name),
      rosterRow(id, "后台乙", t.branch.name, { 性别: "未知" }),
    ]);
    const started = await upload(t.secretary, "/api/roster/preview-jobs", file);
    expect(started.statusCode, started.body).toBe(202);
    const job = await finished(t.secretary, started.json().jobId);
    expect(job).toMatchObject({ kind: "preview", state: "done", error: null });
    expect(job.result).toMatchObject({ rows: 2, validRows: 1 });
    expect(job.result.issues).toEqual([
      expect.objectContaining({ row: 3, column: "性别", message: "应填“男”或“女”" }),
    ]);
    expect(await named("后台")).toBe(0);
  });

  it("imports in the background in one transaction with its audit, and reports the rows written", async () => {
    const file = await rosterWorkbook([
      rosterRow(id, "批量甲", t.branch.name),
      rosterRow(id, "批量乙", t.branch.code),
    ]);
    const before = await auditCount(ctx, "member.create");
    const started = await upload(t.secretary, "/api/roster/import-jobs", file);
    expect(started.statusCode).toBe(202);
    const job = await finished(t.secretary, started.json().jobId);
    expect(job).toMatchObject({ state: "done", result: { created: 2 } });
    expect(job.progress).toMatchObject({ stage: "writing", done: 2 });
    expect(await named("批量")).toBe(2);
    expect(await auditCount(ctx, "member.create")).toBe(before + 2);
  });

  it("fails a background import with a bad row as a whole, naming the file, and writes nothing", async () => {
    const file = await rosterWorkbook([
      rosterRow(id, "半截甲", t.branch.name),
      rosterRow(id, "半截乙", t.branch.name, { 入党日期: "2099-01-01" }),
    ]);
    const before = await auditCount(ctx);
    const started = await upload(t.secretary, "/api/roster/import-jobs", file);
    const job = await finished(t.secretary, started.json().jobId);
    expect(job).toMatchObject({
      state: "failed",
      error: { code: "roster_invalid", field: "file" },
    });
    expect(job.error.message).toMatch(/未写入任何记录/);
    expect(await named("半截")).toBe(0);
    expect(await auditCount(ctx)).toBe(before);
  });

  it("shows a job only to the user who started it; strangers and members are kept out", async () => {
    const file = await rosterWorkbook([rosterRow(id, "私有甲", t.branch.name)]);
    const started = await upload(t.secretary, "/api/roster/preview-jobs", file);
    const jobId = started.json().jobId;
    await finished(t.secretary, jobId);
    const sibling = await call(app, t.siblingSecretary, "GET", `/api/roster/jobs/${jobId}`);
    expect(sibling.statusCode).toBe(404);
    expect((await call(app, anonymous, "GET", `/api/roster/jobs/${jobId}`)).statusCode).toBe(401);
    expect((await upload(t.member, "/api/roster/preview-jobs", file)).statusCode).toBe(403);
    expect((await upload(t.member, "/api/roster/import-jobs", file)).statusCode).toBe(403);
    expect((await upload(anonymous, "/api/roster/import-jobs", file)).statusCode).toBe(401);
    const bad = await call(app, t.secretary, "GET", "/api/roster/jobs/not-a-uuid");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toMatch(/id/);
  });

  it("reads a sibling secretary's background preview of our branch as unknown orgs", async () => {
    const file = await rosterWorkbook([rosterRow(id, "越界乙", t.branch.name)]);
    const started = await upload(t.siblingSecretary, "/api/roster/preview-jobs", file);
    const job = await finished(t.siblingSecretary, started.json().jobId);
    expect(job.result.issues).toEqual([expect.objectContaining({ row: 2, column: "所在党组织" })]);
  });
});

describe("roster jobs across server processes", () => {
  it("imports on one server process and is polled to its outcome on the other", async () => {
    const file = await rosterWorkbook([
      rosterRow(id, "两地甲", t.branch.name),
      rosterRow(id, "两地乙", t.branch.name),
      rosterRow(id, "两地丙", t.branch.name),
    ]);
    const started = await upload(t.secretary, "/api/roster/import-jobs", file, other);
    expect(started.statusCode, started.body).toBe(202);
    const job = await finished(t.secretary, started.json().jobId, app);
    expect(job, JSON.stringify(job)).toMatchObject({
      kind: "import",
      state: "done",
      result: { created: 3 },
    });
    expect(await named("两地")).toBe(3);
    const preview = await upload(t.secretary, "/api/roster/preview-jobs", file, app);
    const previewed = await finished(t.secretary, preview.json().jobId, other);
    expect(previewed).toMatchObject({ kind: "preview", state: "done", result: { rows: 3 } });
  });

  it("hides a job from a sibling subtree's secretary and from its own org's other users on either process", async () => {
    const file = await rosterWorkbook([rosterRow(id, "两地私甲", t.branch.name)]);
    const started = await upload(t.secretary, "/api/roster/preview-jobs", file, other);
    const jobId = started.json().jobId;
    await finished(t.secretary, jobId, app);
    const colleague = await callerWith(ctx, "secretary", t.town);
    for (const on of [app, other]) {
      for (const who of [t.siblingSecretary, colleague, t.admin]) {
        const res = await call(on, who, "GET", `/api/roster/jobs/${jobId}`);
        expect(res.statusCode).toBe(404);
      }
    }
  });

  it("hides a job whose org lies outside its starter's scope now", async () => {
    const file = await rosterWorkbook([rosterRow(id, "两地外甲", t.branch.name)]);
    const jobId = (await upload(t.secretary, "/api/roster/preview-jobs", file)).json().jobId;
    await finished(t.secretary, jobId);
    const path = (to: string) =>
      ctx.db.query("UPDATE progress_jobs SET org_path = $2 WHERE id = $1", [jobId, to]);
    await path(t.otherTown.path);
    expect((await call(other, t.secretary, "GET", `/api/roster/jobs/${jobId}`)).statusCode).toBe(
      404,
    );
    await path(t.town.path);
    expect((await call(other, t.secretary, "GET", `/api/roster/jobs/${jobId}`)).statusCode).toBe(
      200,
    );
  });

  it("shows a job whose server process is gone as interrupted, in the poller's language", async () => {
    const file = await rosterWorkbook([rosterRow(id, "中断甲", t.branch.name)]);
    const earlier = (await upload(t.secretary, "/api/roster/preview-jobs", file)).json().jobId;
    await finished(t.secretary, earlier);
    const owner = (
      await ctx.db.query<{ owner: number }>(
        "SELECT owner_user_id AS owner FROM progress_jobs WHERE id = $1",
        [earlier],
      )
    ).rows[0]?.owner;
    const jobId = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    await ctx.db.query(
      `INSERT INTO progress_jobs (id, kind, owner_user_id, org_path, process_key, stage, done, total)
       VALUES ($1, 'roster.import', $2, $3, $4, 'writing', 600, 2000)`,
      [jobId, owner, t.town.path, 20_241_114],
    );
    const job = await finished(t.secretary, jobId, other);
    expect(job).toMatchObject({
      kind: "import",
      state: "failed",
      progress: { stage: "writing", done: 600, total: 2000 },
      error: { status: 503, code: "job_interrupted", field: null },
    });
    expect(job.error.message).toMatch(/任务已中断/);
  });
});

describe("roster reading", () => {
  it("stops past the row cap with a zh-CN message that says how to split the file", async () => {
    const file = await rosterWorkbook(
      Array.from({ length: 4 }, (_, i) => rosterRow(id, `上限${i}`, t.branch.name)),
    );
    await expect(parseRoster(file, undefined, 3)).rejects.toMatchObject({
      code: "roster_too_large",
      field: "file",
      text: { "zh-CN": expect.stringMatching(/超过 3 行.*分成几个文件/) },
    });
    expect((await parseRoster(file, undefined, 4)).count).toBe(4);
  });

  it("hands on what its caller throws as it is, not as an unreadable file", async () => {
    // More rows than one batch (2,000), so the handler runs while the sheet is still being read.
    const file = await rosterWorkbook(
      Array.from({ length: 2_001 }, (_, i) => rosterRow(id, `抛错${i}`, t.branch.name)),
    );
    await expect(
      streamRoster(file, async () => {
        throw new Error("数据库连接中断");
      }),
    ).rejects.toThrow("数据库连接中断");
    await expect(streamRoster(Buffer.from("不是表格"), async () => {})).rejects.toMatchObject({
      code: "roster_unreadable",
      field: "file",
    });
  });
});
