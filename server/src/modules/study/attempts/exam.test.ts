import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { buildMember } from "../../../../test/factories.ts";
import type { AppContext } from "../../../platform/context.ts";
import { runDueJobs } from "../../../platform/jobs/runner.ts";
import { scheduleJob } from "../../../platform/jobs/schedule.ts";
import { auditCount, type Caller, call, callerWith } from "../../orgs/orgs.fixtures.ts";
import {
  campaignBody,
  examWorld,
  keyOf,
  publishedCampaign,
  type World,
} from "../study.fixtures.ts";
import { CLOSE_ATTEMPT_JOB } from "./close-attempt.ts";

let app: FastifyInstance;
let ctx: AppContext;
let w: World;
let campaignId: number;

beforeAll(async () => {
  ({ app, ctx, w, campaignId } = await examWorld());
});

/** A fresh member of the town's branch with their own session, so tests do not share attempts. */
async function newMember(): Promise<Caller> {
  const m = await buildMember(ctx.db, { org: w.branch });
  return callerWith(ctx, "member", w.branch, m);
}

const put = (who: Caller, url: string, body: unknown) =>
  app.inject({
    method: "PUT",
    url,
    headers: { ...who.headers, "accept-language": "zh-CN" },
    payload: body as object,
  });

async function start(who: Caller, id = campaignId) {
  const res = await call(app, who, "POST", `/api/study/tasks/${id}/attempts`, {});
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe("publishing", () => {
  it("is refused while the approved bank cannot fill the paper", async () => {
    const created = await call(
      app,
      w.secretary,
      "POST",
      "/api/study/campaigns",
      campaignBody(w, { rules: [{ chapter: 3, type: "multiple", count: 1 }] }),
    );
    const res = await call(
      app,
      w.secretary,
      "POST",
      `/api/study/campaigns/${created.json().id}/publish`,
      {},
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("study_bank_short");
  });
});

describe("sitting an exam", () => {
  it("lists the task, hands out a shuffled paper without the key, and resumes it on reload", async () => {
    const me = await newMember();
    const tasks = (await call(app, me, "GET", "/api/study/tasks")).json();
    expect(tasks.items.map((t: { campaign: { id: number } }) => t.campaign.id)).toContain(
      campaignId,
    );
    const paper = await start(me);
    expect(paper.questions).toHaveLength(5);
    expect(JSON.stringify(paper)).not.toContain("explanation");
    expect(paper.result).toBeNull();
    const first = paper.questions[0];
    const saved = await put(me, `/api/study/attempts/${paper.id}/answers`, {
      answers: { [first.id]: [first.options[0].key] },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().answered).toBe(1);
    // Reload: the same sitting and the saved answer come back.
    const again = await start(me);
    expect(again.id).toBe(paper.id);
    expect(again.questions.map((q: { id: number }) => q.id)).toEqual(
      paper.questions.map((q: { id: number }) => q.id),
    );
    expect(again.answers[first.id]).toEqual([first.options[0].key]);
  });

  it("scores only on the server and shows explanations after submission", async () => {
    const me = await newMember();
    const paper = await start(me);
    const key = await keyOf(ctx, paper.id);
    const res = await call(app, me, "POST", `/api/study/attempts/${paper.id}/submit`, {
      answers: key,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ score: 100, correct: 5, total: 5, passed: true });
    const shown = (await call(app, me, "GET", `/api/study/attempts/${paper.id}`)).json();
    expect(shown.result.review[0].explanation).toMatch(/依据|第十九条/);
    const stored = await ctx.db.query(
      "SELECT score, passed, submitted_by FROM study_attempts WHERE id = $1",
      [paper.id],
    );
    expect(stored.rows[0]).toEqual({ score: 100, passed: true, submitted_by: "member" });
  });

  it("keeps autosaved answers that the submit body leaves out", async () => {
    const me = await newMember();
    const paper = await start(me);
    const key = await keyOf(ctx, paper.id);
    const [a, ...rest] = Object.keys(key);
    await put(me, `/api/study/attempts/${paper.id}/answers`, {
      answers: { [String(a)]: key[String(a)] },
    });
    const res = await call(app, me, "POST", `/api/study/attempts/${paper.id}/submit`, {
      answers: Object.fromEntries(rest.map((k) => [k, key[k]])),
    });
    expect(res.json().correct).toBe(5);
  });
});

describe("integrity", () => {
  const refusals = () => auditCount(ctx, "study.refused");

  it("refuses a second submission and audits it", async () => {
    const me = await newMember();
    const paper = await start(me);
    await call(app, me, "POST", `/api/study/attempts/${paper.id}/submit`, { answers: {} });
    const before = await refusals();
    const res = await call(app, me, "POST", `/api/study/attempts/${paper.id}/submit`, {
      answers: {},
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: "study_already_submitted",
      message: "这份答卷已经交卷，不能再次提交",
    });
    expect(await refusals()).toBe(before + 1);
  });

  it("refuses a client-sent score (in Chinese or English) and audits it", async () => {
    const me = await newMember();
    const paper = await start(me);
    const before = await refusals();
    const res = await app.inject({
      method: "POST",
      url: `/api/study/attempts/${paper.id}/submit`,
      headers: { ...me.headers, "accept-language": "en-US" },
      payload: { answers: {}, score: 100, passed: true },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("study_client_score");
    expect(res.json().error.message).toMatch(/computed only by the server/);
    expect(await refusals()).toBe(before + 1);
    const row = await ctx.db.query("SELECT submitted_at FROM study_attempts WHERE id = $1", [
      paper.id,
    ]);
    expect(row.rows[0].submitted_at).toBeNull();
  });

  it("refuses answers to questions that are not in the paper and audits them", async () => {
    const me = await newMember();
    const paper = await start(me);
    const before = await refusals();
    for (const [method, url] of [
      ["PUT", `/api/study/attempts/${paper.id}/answers`],
      ["POST", `/api/study/attempts/${paper.id}/submit`],
    ] as const) {
      const res = await call(app, me, method as "POST", url, { answers: { 999999: ["0"] } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe("study_question_not_in_paper");
    }
    expect(await refusals()).toBe(before + 2);
  });

  it("refuses answers after the deadline, audits them, and the deadline job submits what was saved", async () => {
    const me = await newMember();
    const paper = await start(me);
    const key = await keyOf(ctx, paper.id);
    const first = String(paper.questions[0].id);
    await put(me, `/api/study/attempts/${paper.id}/answers`, {
      answers: { [first]: key[first] },
    });
    const job = await ctx.db.query("SELECT key FROM graphile_worker.jobs WHERE key = $1", [
      `study-attempt:${paper.id}`,
    ]);
    expect(job.rowCount).toBe(1);
    await ctx.db.query(
      "UPDATE study_attempts SET deadline_at = now() - interval '1 minute' WHERE id = $1",
      [paper.id],
    );
    const before = await refusals();
    const late = await call(app, me, "POST", `/api/study/attempts/${paper.id}/submit`, {
      answers: key,
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe("study_deadline_passed");
    expect(await refusals()).toBe(before + 1);
    // Bring the queued deadline job forward and let the worker run it.
    await scheduleJob(
      ctx.db,
      CLOSE_ATTEMPT_JOB,
      { attemptId: paper.id },
      { jobKey: `study-attempt:${paper.id}`, runAt: new Date() },
    );
    await runDueJobs(ctx);
    const closedByJob = await ctx.db.query(
      "SELECT submitted_by, score FROM study_attempts WHERE id = $1",
      [paper.id],
    );
    expect(closedByJob.rows[0]).toEqual({ submitted_by: "deadline", score: 20 });
    const closed = (await call(app, me, "GET", `/api/study/attempts/${paper.id}`)).json();
    expect(closed.result).toMatchObject({ correct: 1, total: 5, score: 20, passed: false });
  });

  it("refuses attempts beyond the limit and audits them", async () => {
    const me = await newMember();
    for (let i = 0; i < 2; i++) {
      const p = await start(me);
      await call(app, me, "POST", `/api/study/attempts/${p.id}/submit`, { answers: {} });
    }
    const before = await refusals();
    const res = await call(app, me, "POST", `/api/study/tasks/${campaignId}/attempts`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: "study_attempts_exhausted",
      message: "已用完允许的 2 次考试机会",
    });
    expect(await refusals()).toBe(before + 1);
  });

  it("keeps another member's paper out of reach", async () => {
    const owner = await newMember();
    const other = await newMember();
    const paper = await start(owner);
    expect((await call(app, other, "GET", `/api/study/attempts/${paper.id}`)).statusCode).toBe(404);
    expect(
      (await call(app, other, "POST", `/api/study/attempts/${paper.id}/submit`, { answers: {} }))
        .statusCode,
    ).toBe(404);
  });

  it("requires the campaign's materials to be read first", async () => {
    const mat = await call(app, w.secretary, "POST", "/api/study/materials", {
      kind: "article",
      orgId: w.town.id,
      title: "第十九条原文",
      articleIds: [w.art(19)],
    });
    expect(mat.statusCode, mat.body).toBe(201);
    const id = await publishedCampaign(app, w, { materialIds: [mat.json().id] });
    const me = await newMember();
    const early = await call(app, me, "POST", `/api/study/tasks/${id}/attempts`, {});
    expect(early.json().error.code).toBe("study_materials_unread");
    const task = (await call(app, me, "GET", "/api/study/tasks"))
      .json()
      .items.find((t: { campaign: { id: number } }) => t.campaign.id === id);
    expect(task.materials[0].articles[0]).toMatchObject({ number: 19, label: "第十九条" });
    await call(app, me, "POST", `/api/study/tasks/${id}/materials/${mat.json().id}/read`, {});
    await start(me, id);
  });
});

describe("results for the secretary", () => {
  it("shows not started / in progress / passed / failed per branch, reminds with receipts and exports", async () => {
    const results = await call(
      app,
      w.secretary,
      "GET",
      `/api/study/campaigns/${campaignId}/results`,
    );
    expect(results.statusCode).toBe(200);
    const body = results.json();
    expect(body.totals.members).toBeGreaterThan(5);
    expect(body.totals.passed).toBeGreaterThanOrEqual(1);
    expect(body.totals.notStarted).toBeGreaterThanOrEqual(1);
    expect(body.branches[0]).toMatchObject({ orgId: w.branch.id });
    const notStarted = (
      await call(
        app,
        w.secretary,
        "GET",
        `/api/study/campaigns/${campaignId}/results?status=not_started`,
      )
    ).json();
    expect(notStarted.items.every((r: { status: string }) => r.status === "not_started")).toBe(
      true,
    );

    const reminded = await call(
      app,
      w.secretary,
      "POST",
      `/api/study/campaigns/${campaignId}/remind`,
      { target: "not_started" },
    );
    expect(reminded.statusCode, reminded.body).toBe(200);
    const receipts = await call(
      app,
      w.secretary,
      "GET",
      `/api/notifications/receipts?sourceType=study_campaign&sourceId=${campaignId}`,
    );
    expect(receipts.statusCode, receipts.body).toBe(200);

    const file = await call(
      app,
      w.secretary,
      "GET",
      `/api/study/campaigns/${campaignId}/results/export`,
    );
    expect(file.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(String(sheet?.getRow(1).getCell(1).value)).toMatch(/导出人：.*导出时间/);
    expect(sheet?.getRow(3).getCell(1).value).toBe("姓名");
  });

  it("shows the sibling town's secretary nothing", async () => {
    expect(
      (await call(app, w.siblingSecretary, "GET", `/api/study/campaigns/${campaignId}/results`))
        .statusCode,
    ).toBe(404);
    expect(
      (await call(app, w.siblingSecretary, "GET", "/api/study/campaigns")).json().items,
    ).toEqual([]);
  });
});
