import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { call } from "../../orgs/orgs.fixtures.ts";
import { approvedBank, studyWorld, type World } from "../study.fixtures.ts";
import { streak } from "./practice-rules.ts";

let app: FastifyInstance;
let ctx: AppContext;
let w: World;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  w = await studyWorld(ctx);
  await approvedBank(app, w);
});

const key = async (id: number) =>
  (
    await ctx.db.query<{ answer: string[] }>("SELECT answer FROM study_questions WHERE id = $1", [
      id,
    ])
  ).rows[0]?.answer ?? [];

describe("每日一练", () => {
  it("keeps the day's set across reloads, schedules missed articles sooner and caps points", async () => {
    const day = (await call(app, w.member, "GET", "/api/study/practice/today")).json();
    expect(day.questions).toHaveLength(4);
    expect(new Set(day.questions.map((q: { articleIds: number[] }) => q.articleIds[0])).size).toBe(
      4,
    );
    const again = (await call(app, w.member, "GET", "/api/study/practice/today")).json();
    expect(again.questions.map((q: { id: number }) => q.id)).toEqual(
      day.questions.map((q: { id: number }) => q.id),
    );

    const [first, second, ...rest] = day.questions;
    const right = await call(app, w.member, "POST", "/api/study/practice/answers", {
      questionId: first.id,
      answer: await key(first.id),
    });
    expect(right.json()).toMatchObject({ correct: true, pointsAwarded: 2, points: 2 });
    const wrong = await call(app, w.member, "POST", "/api/study/practice/answers", {
      questionId: second.id,
      answer: ["no"],
    });
    expect(wrong.json()).toMatchObject({ correct: false, pointsAwarded: 1, points: 3 });
    expect(wrong.json().explanation).toBeTruthy();
    const twice = await call(app, w.member, "POST", "/api/study/practice/answers", {
      questionId: first.id,
      answer: await key(first.id),
    });
    expect(twice.statusCode).toBe(409);

    const cards = await ctx.db.query<{ article_id: number; due: Date }>(
      "SELECT article_id, due FROM study_cards ORDER BY due",
    );
    // The missed article is due before the one answered right.
    expect(cards.rows[0]?.article_id).toBe(second.articleIds[0]);

    for (const q of rest) {
      await call(app, w.member, "POST", "/api/study/practice/answers", {
        questionId: q.id,
        answer: await key(q.id),
      });
    }
    const done = (await call(app, w.member, "GET", "/api/study/practice/today")).json();
    expect(done).toMatchObject({
      completed: true,
      points: 6,
      dailyCap: 6,
      totalPoints: 6,
      streak: 1,
    });
  });

  it("refuses and audits an answer to a question outside today's set", async () => {
    const res = await call(app, w.member, "POST", "/api/study/practice/answers", {
      questionId: 987654,
      answer: ["0"],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("study_question_not_in_paper");
  });

  it("counts a streak of consecutive completed days", () => {
    const days = ["2026-03-01", "2026-03-02", "2026-03-03"].map((day) => ({
      day,
      completed: true,
    }));
    expect(streak(days, "2026-03-03")).toBe(3);
    expect(streak(days, "2026-03-04")).toBe(3);
    expect(streak(days, "2026-03-05")).toBe(0);
  });
});

describe("branch rankings", () => {
  it("are off by default and show the branch once its secretary turns them on", async () => {
    const off = await call(app, w.member, "GET", "/api/study/rankings");
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ orgId: w.branch.id, enabled: false, items: [] });
    const on = await app.inject({
      method: "PUT",
      url: `/api/study/settings/${w.branch.id}`,
      headers: w.secretary.headers,
      payload: { rankingsEnabled: true },
    });
    expect(on.statusCode, on.body).toBe(200);
    const ranking = (await call(app, w.member, "GET", "/api/study/rankings")).json();
    expect(ranking.enabled).toBe(true);
    expect(ranking.items[0]).toMatchObject({ rank: 1, name: "王建国", points: 6 });
  });
});
