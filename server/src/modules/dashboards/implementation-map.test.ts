import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import type { AppContext } from "../../platform/context.ts";
import { fileAReport } from "../cases/cases.fixtures.ts";
import { call } from "../orgs/orgs.fixtures.ts";
import { fillAndSubmit, scheduleMeeting, selfReviewOf } from "../review/review.fixtures.ts";
import { isCorrect, type PaperItem } from "../study/attempts/paper.ts";
import {
  approvedBank,
  keyOf,
  publishedCampaign,
  studyWorld,
  type World,
} from "../study/study.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let w: World;

const map = (who: { headers: Record<string, string> }, orgId: number) =>
  call(app, who, "GET", `/api/dashboards/implementation-map?orgId=${orgId}`);

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  w = await studyWorld(ctx, "落实");
  await approvedBank(app, w);
  const campaignId = await publishedCampaign(app, w, { title: "网络行为规定专题测试" });
  // The member sits the exam: the first two answers right, the rest wrong.
  const paper = (
    await call(app, w.member, "POST", `/api/study/tasks/${campaignId}/attempts`, {})
  ).json();
  const key = await keyOf(ctx, paper.id);
  const answers = Object.fromEntries(
    Object.entries(key).map(([id, k], i) => [id, i < 2 ? k : ["9"]]),
  );
  const submitted = await call(app, w.member, "POST", `/api/study/attempts/${paper.id}/submit`, {
    answers,
  });
  if (submitted.statusCode !== 200) throw new Error(submitted.body);
  const day = (await call(app, w.member, "GET", "/api/study/practice/today")).json();
  await call(app, w.member, "POST", "/api/study/practice/answers", {
    questionId: day.questions[0].id,
    answer: ["9"],
  });
  const meeting = await scheduleMeeting(app, w.secretary, w.branch.id, {
    heldOn: "2099-01-10",
    rectifyBy: "2099-03-31",
  });
  const res = await fillAndSubmit(app, w.member, selfReviewOf(meeting, w.self.id), [1, 2]);
  if (res.statusCode !== 200) throw new Error(res.body);
  await fileAReport(app, w.member, { articles: [10, 16] });
});

/** The same figures counted the plain way, row by row, from what the member did. */
async function directCounts(orgPath: string) {
  const counts = new Map<number, { exam: number; right: number; items: number; gaps: number }>();
  const at = (n: number) => {
    const c = counts.get(n) ?? { exam: 0, right: 0, items: 0, gaps: 0 };
    counts.set(n, c);
    return c;
  };
  const numberOf = new Map(w.articles.map((a) => [a.id, a.number]));
  const attempts = await ctx.db.query<{ paper: PaperItem[]; answers: Record<string, string[]> }>(
    "SELECT paper, answers FROM study_attempts WHERE org_path <@ $1::ltree AND submitted_at IS NOT NULL",
    [orgPath],
  );
  for (const a of attempts.rows) {
    for (const item of a.paper) {
      for (const id of item.articleIds) {
        const c = at(numberOf.get(id) ?? -1);
        c.exam += 1;
        if (isCorrect(item, a.answers[String(item.id)])) c.right += 1;
      }
    }
  }
  const lines = await ctx.db.query<{ article_id: string; answer: string }>(
    `SELECT p.article_id, i.answer FROM self_review_items i
       JOIN self_reviews s ON s.id = i.self_review_id
       JOIN regulation_provisions p ON p.id = i.provision_id
      WHERE s.org_path <@ $1::ltree AND s.status = 'submitted'`,
    [orgPath],
  );
  for (const l of lines.rows) {
    const c = at(numberOf.get(Number(l.article_id)) ?? -1);
    c.items += 1;
    if (l.answer === "gap") c.gaps += 1;
  }
  return counts;
}

describe("GET /api/dashboards/implementation-map", () => {
  it("gives each article in force the subtree's figures, equal to a row-by-row count", async () => {
    const res = await map(w.secretary, w.town.id);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.org).toEqual({ id: w.town.id, name: w.town.name });
    expect(body.articles.length).toBe(w.articles.length);
    const town = await ctx.db.query<{ path: string }>("SELECT path::text FROM orgs WHERE id = $1", [
      w.town.id,
    ]);
    const direct = await directCounts(town.rows[0]?.path ?? "");
    let examTotal = 0;
    for (const line of body.articles) {
      const d = direct.get(line.number) ?? { exam: 0, right: 0, items: 0, gaps: 0 };
      expect(line.study, line.label).toEqual({ answered: d.exam, correct: d.right });
      expect(line.selfReview, line.label).toEqual({ items: d.items, gaps: d.gaps });
      examTotal += line.study.answered;
    }
    // Five questions on the paper, each citing one article; two answered right.
    expect(examTotal).toBe(5);
    expect(
      body.articles.reduce(
        (n: number, l: { study: { correct: number } }) => n + l.study.correct,
        0,
      ),
    ).toBe(2);
    const practiced = body.articles.filter(
      (l: { practice: { answered: number } }) => l.practice.answered > 0,
    );
    expect(practiced).toHaveLength(1);
    expect(practiced[0].practice).toEqual({ answered: 1, correct: 0 });
  });

  it("follows each gap into its rectification and flags what was studied but never checked", async () => {
    const body = (await map(w.secretary, w.town.id)).json();
    const gaps = body.articles.reduce(
      (n: number, l: { selfReview: { gaps: number } }) => n + l.selfReview.gaps,
      0,
    );
    const rect = body.articles.reduce(
      (n: number, l: { rectification: { open: number } }) => n + l.rectification.open,
      0,
    );
    expect(gaps).toBe(2);
    expect(rect).toBe(2);
    for (const l of body.articles) {
      const studied = l.study.answered + l.practice.answered > 0;
      const checked = l.selfReview.items > 0;
      const want =
        studied && !checked
          ? "studied_not_checked"
          : checked && !studied
            ? "checked_not_studied"
            : null;
      expect(l.flag, l.label).toBe(want);
    }
    expect(body.summary.studiedNotChecked).toBe(
      body.articles.filter((l: { flag: string | null }) => l.flag === "studied_not_checked").length,
    );
    // Article 15 binds every member, so the self-review drew from it; nobody was examined on it.
    expect(body.articles.find((l: { number: number }) => l.number === 15).flag).toBe(
      "checked_not_studied",
    );
  });

  it("counts reports only for a caller who handles cases over the org", async () => {
    const secretary = (await map(w.secretary, w.town.id)).json();
    expect(secretary.includesReports).toBe(true);
    const reports = Object.fromEntries(
      secretary.articles.map((l: { number: number; reports: number }) => [l.number, l.reports]),
    );
    expect(reports[10]).toBe(1);
    expect(reports[16]).toBe(1);
    expect(reports[15]).toBe(0);
    const propaganda = (await map(w.propaganda, w.town.id)).json();
    expect(propaganda.includesReports).toBe(false);
    expect(propaganda.articles.every((l: { reports: number | null }) => l.reports === null)).toBe(
      true,
    );
  });

  it("shows a sibling subtree's secretary nothing of this town, and zeros for their own", async () => {
    const refused = await map(w.siblingSecretary, w.town.id);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.message).toBe("组织不存在或无权查看");
    const own = (await map(w.siblingSecretary, w.otherTown.id)).json();
    for (const l of own.articles) {
      expect(
        l.study.answered + l.practice.answered + l.selfReview.items + l.rectification.total,
      ).toBe(0);
    }
  });

  it("refuses a member without the scope, a missing session and a bad org id", async () => {
    expect((await map(w.member, w.branch.id)).statusCode).toBe(403);
    expect((await map({ headers: {} }, w.town.id)).statusCode).toBe(401);
    const bad = await call(app, w.secretary, "GET", "/api/dashboards/implementation-map?orgId=abc");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("orgId");
  });

  it("exports the map as a titled sheet and audits the export at the org", async () => {
    const res = await call(
      app,
      w.secretary,
      "GET",
      `/api/dashboards/implementation-map.xlsx?orgId=${w.town.id}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const ExcelJS = (await import("exceljs")).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("落实情况");
    const text = (sheet?.getSheetValues() ?? []).flat().map(String).join("|");
    expect(text).toContain(`${w.town.name}《中国共产党党员网络行为规定》落实情况`);
    expect(text).toContain("查而未学");
    // Each article names only the kinds of provision it has, not "禁止0 倡导0".
    expect(text).toMatch(/\|(义务|禁止|倡导|允许)[1-9]/);
    expect(text).not.toMatch(/(义务|禁止|倡导|允许)0/);
    const audit = await ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'dashboards.implementation_map.export' AND entity_id = $1",
      [String(w.town.id)],
    );
    expect(audit.rows[0]?.n).toBe(1);
  });
});
