/**
 * Progress jobs live in PostgreSQL: two server processes (two ProgressJobs, each with its own
 * liveness lock) read the same job, a running job whose process is gone reads as interrupted,
 * and progress reaches the table at a throttled rate. The killed process is a real child
 * process ended with SIGKILL.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomInt } from "node:crypto";
import { once } from "node:events";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testContext } from "../../test/db.ts";
import { buildOrg, buildUser } from "../../test/factories.ts";
import type { AppContext } from "./context.ts";
import { BadInput } from "./errors.ts";
import { purgeProgressJobs } from "./jobs/purge-progress-jobs.ts";
import { type JobOwner, ProgressJobs } from "./progress-jobs.ts";

let ctx: AppContext;
let owner: JobOwner;
let here: ProgressJobs;
let there: ProgressJobs;
const children: ChildProcess[] = [];
const KINDS = ["test.import"];

beforeAll(async () => {
  ctx = await testContext();
  const county = await buildOrg(ctx.db, { kind: "committee", name: "进度青山县委" });
  const town = await buildOrg(ctx.db, {
    parent: county,
    kind: "committee",
    name: "进度城关镇党委",
  });
  const user = await buildUser(ctx.db, { role: "secretary", at: town });
  owner = { userId: user.id, orgPath: town.path };
  here = new ProgressJobs(ctx.db, 200);
  there = new ProgressJobs(ctx.db, 200);
});
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  here.close();
  there.close();
});

const reader = () => ({ userId: owner.userId, paths: [owner.orgPath], kinds: KINDS });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A task the test finishes by hand. */
function held<R>() {
  let finish: (r: R) => void = () => {};
  let fail: (e: unknown) => void = () => {};
  const done = new Promise<R>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { done, finish, fail };
}

async function until<T>(read: () => Promise<T>, ok: (t: T) => boolean, tries = 100): Promise<T> {
  let value = await read();
  for (let i = 0; i < tries && !ok(value); i += 1) {
    await sleep(100);
    value = await read();
  }
  return value;
}

/** Another server process: starts a job that never ends, prints its id once progress is in. */
async function otherProcess(url: string) {
  const module = path.resolve(import.meta.dirname, "progress-jobs.ts");
  const pool = path.resolve(import.meta.dirname, "db/pool.ts");
  const script = `
    const { ProgressJobs } = await import(${JSON.stringify(module)});
    const { createPool } = await import(${JSON.stringify(pool)});
    const jobs = new ProgressJobs(createPool(process.env.URL, 3), 0);
    const owner = { userId: Number(process.env.USER_ID), orgPath: process.env.ORG_PATH };
    const id = await jobs.start(owner, "test.import", (report) => {
      report({ stage: "writing", done: 4000, total: 10000 });
      return new Promise(() => {});
    });
    setTimeout(() => process.stdout.write("ready " + id + "\\n"), 300);
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    env: {
      ...process.env,
      URL: url,
      USER_ID: String(owner.userId),
      ORG_PATH: owner.orgPath,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  const [line] = (await once(child.stdout as NodeJS.ReadableStream, "data")) as [Buffer];
  const match = /^ready ([0-9a-f-]{36})/.exec(line.toString());
  expect(match).not.toBeNull();
  return { child, id: match?.[1] ?? "" };
}

describe("progress jobs across server processes", () => {
  it("are read by another process, progress first and the outcome once done", async () => {
    const task = held<{ created: number }>();
    const id = await here.start(owner, "test.import", (report) => {
      report({ stage: "writing", done: 300, total: 1200 });
      return task.done;
    });
    const running = await until(
      () => there.view(id, reader(), "zh-CN"),
      (j) => j.progress.done === 300,
    );
    expect(running).toMatchObject({
      state: "running",
      progress: { stage: "writing", total: 1200 },
    });
    task.finish({ created: 1200 });
    const done = await until(
      () => there.view(id, reader(), "en-US"),
      (j) => j.state !== "running",
    );
    expect(done).toMatchObject({ state: "done", result: { created: 1200 }, error: null });
  });

  it("keep one running job per user and kind across processes", async () => {
    const task = held<null>();
    const id = await here.start(owner, "test.import", () => task.done);
    await expect(there.start(owner, "test.import", async () => null)).rejects.toMatchObject({
      status: 409,
      code: "job_running",
    });
    task.fail(new BadInput("file", { "zh-CN": "名册中没有数据行", "en-US": "No data rows" }));
    const failed = await until(
      () => there.view(id, reader(), "zh-CN"),
      (j) => j.state !== "running",
    );
    expect(failed.error).toEqual({
      status: 400,
      code: "invalid_input",
      message: "名册中没有数据行",
      field: "file",
    });
    const again = await there.start(owner, "test.import", async () => null);
    await until(
      () => here.view(again, reader(), "zh-CN"),
      (j) => j.state === "done",
    );
  });

  it("show a job as interrupted once its process is killed, keeping its last progress", async () => {
    const { child, id } = await otherProcess(String(ctx.config.databaseUrl));
    const alive = await here.view(id, reader(), "zh-CN");
    expect(alive).toMatchObject({ state: "running", progress: { done: 4000, total: 10000 } });

    child.kill("SIGKILL");
    await once(child, "exit");
    const gone = await until(
      () => here.view(id, reader(), "zh-CN"),
      (j) => j.state !== "running",
    );
    expect(gone).toMatchObject({
      state: "failed",
      progress: { stage: "writing", done: 4000, total: 10000 },
      error: { status: 503, code: "job_interrupted", field: null },
    });
    expect(gone.error?.message).toMatch(/任务已中断.*服务进程已停止.*重新发起/);
    // A new job of the same kind may start: the dead one no longer blocks it.
    const next = await here.start(owner, "test.import", async () => null);
    expect(next).not.toBe(id);
  });

  it("show a forged job of a process that holds no lock as interrupted, and leave a live one running", async () => {
    const task = held<null>();
    const live = await here.start(owner, "test.live", () => task.done);
    const forged = "7d1f0a52-2b9c-4c1e-9a55-0c3f8a1b2c3d";
    await ctx.db.query(
      `INSERT INTO progress_jobs (id, kind, owner_user_id, org_path, process_key, stage, done, total)
       VALUES ($1, 'test.import', $2, $3, $4, 'checking', 12, 40)`,
      [forged, owner.userId, owner.orgPath, randomInt(1, 2 ** 31 - 1)],
    );
    const view = await there.view(forged, reader(), "en-US");
    expect(view).toMatchObject({ state: "failed", error: { code: "job_interrupted" } });
    expect(view.error?.message).toMatch(/interrupted/);
    const still = await there.view(live, { ...reader(), kinds: ["test.live"] }, "zh-CN");
    expect(still.state).toBe("running");
    task.finish(null);
  });

  it("record the outcome of a job marked interrupted whose process was alive after all", async () => {
    const brief = new ProgressJobs(ctx.db, 0);
    const task = held<{ created: number }>();
    const id = await brief.start(owner, "test.brief", () => task.done);
    brief.close();
    const kinds = ["test.brief"];
    const cut = await until(
      () => here.view(id, { ...reader(), kinds }, "zh-CN"),
      (j) => j.state !== "running",
    );
    expect(cut.error?.code).toBe("job_interrupted");
    task.finish({ created: 3 });
    const done = await until(
      () => here.view(id, { ...reader(), kinds }, "zh-CN"),
      (j) => j.state === "done",
    );
    expect(done).toMatchObject({ result: { created: 3 }, error: null });
  });
});

describe("progress jobs' reads and writes", () => {
  it("are read only by their owner, within the owner's scope, and of the asked kind", async () => {
    const id = await here.start(owner, "test.import", async () => ({ created: 1 }));
    await until(
      () => here.view(id, reader(), "zh-CN"),
      (j) => j.state === "done",
    );
    const notFound = { status: 404, code: "not_found" };
    await expect(
      here.view(id, { ...reader(), userId: owner.userId + 1000 }, "zh-CN"),
    ).rejects.toMatchObject(notFound);
    const sibling = await buildOrg(ctx.db, { kind: "committee", name: "进度东街镇党委" });
    await expect(
      here.view(id, { ...reader(), paths: [sibling.path] }, "zh-CN"),
    ).rejects.toMatchObject(notFound);
    await expect(
      here.view(id, { ...reader(), kinds: ["test.export"] }, "zh-CN"),
    ).rejects.toMatchObject(notFound);
  });

  it("write progress at a throttled rate, and the last report still arrives", async () => {
    // A wide interval, so a loaded machine cannot stretch the first write past it.
    const slow = new ProgressJobs(ctx.db, 2000);
    const task = held<null>();
    const id = await slow.start(owner, "test.throttle", (report) => {
      for (let done = 1; done <= 5000; done += 1) report({ stage: "reading", done, total: null });
      return task.done;
    });
    const stored = async () =>
      (await ctx.db.query<{ done: number }>("SELECT done FROM progress_jobs WHERE id = $1", [id]))
        .rows[0]?.done ?? 0;
    // The first report is written at once; the 4,999 after it wait for the interval.
    expect(await until(stored, (d) => d > 0, 10)).toBe(1);
    expect(await until(stored, (d) => d === 5000, 40)).toBe(5000);
    task.finish(null);
    slow.close();
  });

  it("are deleted by the daily purge once older than the kept days", async () => {
    const old = "3b2e8f10-5a6c-4d7e-8f90-a1b2c3d4e5f6";
    await ctx.db.query(
      `INSERT INTO progress_jobs (id, kind, owner_user_id, org_path, process_key, state,
                                  finished_at, created_at)
       VALUES ($1, 'test.old', $2, $3, 1, 'done', now() - interval '4 days', now() - interval '4 days')`,
      [old, owner.userId, owner.orgPath],
    );
    const recent = await here.start(owner, "test.recent", async () => null);
    await purgeProgressJobs.handler(undefined, ctx);
    const left = await ctx.db.query<{ id: string }>(
      "SELECT id FROM progress_jobs WHERE id = ANY($1::uuid[])",
      [[old, recent]],
    );
    expect(left.rows.map((r) => r.id)).toEqual([recent]);
  });
});
