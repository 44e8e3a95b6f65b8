/** Shared by the study tests: a county tree, the seeded regulation, an approved bank and a
 * published campaign for 城关镇党委's subtree. */
import type { FastifyInstance } from "fastify";
import { testApp } from "../../../test/app.ts";
import { systemActor } from "../../platform/audit/record.ts";
import type { AppContext } from "../../platform/context.ts";
import { seedRegulationOnce } from "../../seed/seed-regulation.ts";
import { type Caller, call, countyTree } from "../orgs/orgs.fixtures.ts";
import { currentArticles } from "../regulations/study-sources.ts";

export async function studyWorld(ctx: AppContext, tag = "") {
  await seedRegulationOnce(ctx.db, systemActor);
  const t = await countyTree(ctx, tag);
  const articles = await currentArticles(ctx.db);
  const art = (n: number) => {
    const a = articles.find((x) => x.number === n);
    if (!a) throw new Error(`article ${n} missing`);
    return a.id;
  };
  return { ...t, articles, art };
}

export type World = Awaited<ReturnType<typeof studyWorld>>;

/** Four approved questions of each type at the town, citing articles 17-20. Written by hand,
 * each is a draft until reviewed, so the fixture approves each one as a reviewer would. */
export async function approvedBank(app: FastifyInstance, w: World, who: Caller = w.secretary) {
  const ids: number[] = [];
  const add = async (body: Record<string, unknown>) => {
    const res = await call(app, who, "POST", "/api/study/questions", { orgId: w.town.id, ...body });
    if (res.statusCode !== 201) throw new Error(res.body);
    const id: number = res.json().id;
    const ok = await call(app, who, "POST", `/api/study/questions/${id}/review`, {
      decision: "approve",
    });
    if (ok.statusCode !== 200) throw new Error(ok.body);
    ids.push(id);
  };
  for (const n of [17, 18, 19, 20]) {
    await add({
      type: "single",
      stem: `第${n}题：以下哪项符合规定？`,
      options: ["正确做法", "错误做法甲", "错误做法乙"],
      answer: ["0"],
      explanation: `依据第${n}条`,
      articleIds: [w.art(n)],
    });
    await add({
      type: "true_false",
      stem: `判断${n}：党员干部可以以职务身份直播带货。`,
      answer: ["false"],
      explanation: "第十九条明确不得",
      articleIds: [w.art(n)],
    });
  }
  return ids;
}

export function campaignBody(w: World, over: Record<string, unknown> = {}) {
  const now = Date.now();
  return {
    orgId: w.town.id,
    title: "《党员网络行为规定》专题学习",
    description: "学习规定全文并参加测试",
    startsAt: new Date(now - 3600_000).toISOString(),
    endsAt: new Date(now + 7 * 86400_000).toISOString(),
    materialIds: [],
    passMark: 60,
    timeLimitMinutes: 30,
    maxAttempts: 2,
    rules: [
      { chapter: 3, type: "single", count: 3 },
      { chapter: null, type: "true_false", count: 2 },
    ],
    ...over,
  };
}

/** A published campaign; returns its id. */
export async function publishedCampaign(
  app: FastifyInstance,
  w: World,
  over: Record<string, unknown> = {},
) {
  const created = await call(
    app,
    w.secretary,
    "POST",
    "/api/study/campaigns",
    campaignBody(w, over),
  );
  if (created.statusCode !== 201) throw new Error(created.body);
  const id: number = created.json().id;
  const published = await call(app, w.secretary, "POST", `/api/study/campaigns/${id}/publish`, {});
  if (published.statusCode !== 200) throw new Error(published.body);
  return id;
}

/** The real app with a study world, its approved bank and one published exam campaign. */
export async function examWorld() {
  const { app, ctx } = await testApp();
  const w = await studyWorld(ctx);
  await approvedBank(app, w);
  const campaignId = await publishedCampaign(app, w);
  return { app, ctx, w, campaignId };
}

export type ExamWorld = Awaited<ReturnType<typeof examWorld>>;

/** The right answers of an open attempt, read from the server's stored key (tests only). */
export async function keyOf(ctx: AppContext, attemptId: number) {
  const rows = await ctx.db.query<{ paper: { id: number; answer: string[] }[] }>(
    "SELECT paper FROM study_attempts WHERE id = $1",
    [attemptId],
  );
  return Object.fromEntries((rows.rows[0]?.paper ?? []).map((p) => [String(p.id), p.answer]));
}
