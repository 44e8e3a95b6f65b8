import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import type { AppContext } from "../../platform/context.ts";
import { anonymous, auditCount, type Caller, call } from "../orgs/orgs.fixtures.ts";
import {
  approvedBank,
  campaignBody,
  publishedCampaign,
  studyWorld,
  type World,
} from "./study.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let w: World;
let campaignId: number;
let questionId: number;
let attemptId: number;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  w = await studyWorld(ctx);
  [questionId = 0] = await approvedBank(app, w);
  campaignId = await publishedCampaign(app, w);
  attemptId = (
    await call(app, w.member, "POST", `/api/study/tasks/${campaignId}/attempts`, {})
  ).json().id;
});

type Method = "GET" | "POST" | "PATCH";
interface Route {
  name: string;
  method: Method | "PUT";
  url: () => string;
  body?: () => unknown;
  /** What a caller outside the subtree gets: 404, or 200 with nothing of ours in it. */
  sibling: "404" | "empty";
}

/** Managers' routes: 401 anonymous, 403 for a plain member, nothing for the sibling town. */
const manage: Route[] = [
  { name: "list questions", method: "GET", url: () => "/api/study/questions", sibling: "empty" },
  {
    name: "create question",
    method: "POST",
    url: () => "/api/study/questions",
    body: () => ({
      orgId: w.town.id,
      type: "true_false",
      stem: "判断",
      answer: ["true"],
      explanation: "解析",
      articleIds: [w.art(19)],
    }),
    sibling: "404",
  },
  {
    name: "review question",
    method: "POST",
    url: () => `/api/study/questions/${questionId}/review`,
    body: () => ({ decision: "retire" }),
    sibling: "404",
  },
  {
    name: "review questions in a batch",
    method: "POST",
    url: () => "/api/study/questions/review",
    body: () => ({ ids: [questionId], decision: "retire" }),
    sibling: "404",
  },
  {
    name: "generate drafts",
    method: "POST",
    url: () => "/api/study/questions/generate",
    body: () => ({ orgId: w.town.id, limit: 2 }),
    sibling: "404",
  },
  { name: "list materials", method: "GET", url: () => "/api/study/materials", sibling: "empty" },
  {
    name: "create material",
    method: "POST",
    url: () => "/api/study/materials",
    body: () => ({ kind: "link", orgId: w.town.id, title: "解读", url: "https://www.12371.cn/" }),
    sibling: "404",
  },
  { name: "list campaigns", method: "GET", url: () => "/api/study/campaigns", sibling: "empty" },
  {
    name: "campaign",
    method: "GET",
    url: () => `/api/study/campaigns/${campaignId}`,
    sibling: "404",
  },
  {
    name: "create campaign",
    method: "POST",
    url: () => "/api/study/campaigns",
    body: () => campaignBody(w),
    sibling: "404",
  },
  {
    name: "publish",
    method: "POST",
    url: () => `/api/study/campaigns/${campaignId}/publish`,
    body: () => ({}),
    sibling: "404",
  },
  {
    name: "withdraw",
    method: "POST",
    url: () => `/api/study/campaigns/${campaignId}/withdraw`,
    body: () => ({ reason: "面向组织选错，重新发布" }),
    sibling: "404",
  },
  {
    name: "results",
    method: "GET",
    url: () => `/api/study/campaigns/${campaignId}/results`,
    sibling: "404",
  },
  {
    name: "export results",
    method: "GET",
    url: () => `/api/study/campaigns/${campaignId}/results/export`,
    sibling: "404",
  },
  {
    name: "remind",
    method: "POST",
    url: () => `/api/study/campaigns/${campaignId}/remind`,
    body: () => ({ target: "not_started" }),
    sibling: "404",
  },
  {
    name: "settings",
    method: "GET",
    url: () => `/api/study/settings/${w.town.id}`,
    sibling: "404",
  },
  {
    name: "update settings",
    method: "PUT",
    url: () => `/api/study/settings/${w.town.id}`,
    body: () => ({ rankingsEnabled: true }),
    sibling: "404",
  },
];

const send = (who: Caller, r: Route) =>
  app.inject({
    method: r.method,
    url: r.url(),
    headers: { ...who.headers, "accept-language": "zh-CN" },
    ...(r.body ? { payload: r.body() as object } : {}),
  });

describe.each(manage)("$method $name", (r) => {
  it("is 401 without a session", async () => {
    expect((await send(anonymous, r)).statusCode).toBe(401);
  });

  it("is 403 for a member-role user, writing nothing", async () => {
    const before = await auditCount(ctx);
    expect((await send(w.member, r)).statusCode).toBe(403);
    expect(await auditCount(ctx)).toBe(before);
  });

  it("shows the sibling town's secretary nothing and lets them change nothing", async () => {
    const before = await auditCount(ctx);
    const res = await send(w.siblingSecretary, r);
    if (r.sibling === "404") {
      expect(res.statusCode, res.body).toBe(404);
    } else {
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toEqual([]);
    }
    expect(await auditCount(ctx)).toBe(before);
  });
});

/** Members' routes: 401 anonymous; a member of the sibling town's branch cannot reach ours. */
const take: Route[] = [
  {
    name: "start attempt",
    method: "POST",
    url: () => `/api/study/tasks/${campaignId}/attempts`,
    body: () => ({}),
    sibling: "404",
  },
  { name: "attempt", method: "GET", url: () => `/api/study/attempts/${attemptId}`, sibling: "404" },
  {
    name: "autosave",
    method: "PUT",
    url: () => `/api/study/attempts/${attemptId}/answers`,
    body: () => ({ answers: {} }),
    sibling: "404",
  },
  {
    name: "submit",
    method: "POST",
    url: () => `/api/study/attempts/${attemptId}/submit`,
    body: () => ({ answers: {} }),
    sibling: "404",
  },
  { name: "tasks", method: "GET", url: () => "/api/study/tasks", sibling: "empty" },
];

describe.each(take)("$method $name (member)", (r) => {
  let outsider: Caller;
  beforeAll(async () => {
    const { buildMember } = await import("../../../test/factories.ts");
    const { callerWith } = await import("../orgs/orgs.fixtures.ts");
    const m = await buildMember(ctx.db, { org: w.otherBranch });
    outsider = await callerWith(ctx, "member", w.otherBranch, m);
  });

  it("is 401 without a session", async () => {
    expect((await send(anonymous, r)).statusCode).toBe(401);
  });

  it("is 403 for a user without a member record", async () => {
    expect((await send(w.admin, r)).statusCode).toBe(403);
  });

  it("gives a member of another town's branch nothing", async () => {
    const before = await auditCount(ctx);
    const res = await send(outsider, r);
    if (r.sibling === "404") expect(res.statusCode, res.body).toBe(404);
    else expect(res.json().items).toEqual([]);
    expect(await auditCount(ctx)).toBe(before);
  });
});

describe("practice and rankings (member routes)", () => {
  it("are 401 without a session and 403 without a member record", async () => {
    for (const [method, url, body] of [
      ["GET", "/api/study/practice/today", undefined],
      ["POST", "/api/study/practice/answers", { questionId: 1, answer: ["0"] }],
      ["GET", "/api/study/rankings", undefined],
    ] as const) {
      expect((await call(app, anonymous, method, url, body)).statusCode).toBe(401);
      expect((await call(app, w.admin, method, url, body)).statusCode).toBe(403);
    }
  });
});

describe("GET /study/articles (regulation text, the same for every manager)", () => {
  it("is 401 without a session, 403 for a member, the articles in force for a secretary", async () => {
    expect((await call(app, anonymous, "GET", "/api/study/articles")).statusCode).toBe(401);
    expect((await call(app, w.member, "GET", "/api/study/articles")).statusCode).toBe(403);
    const res = await call(app, w.secretary, "GET", "/api/study/articles");
    expect(res.json().items).toHaveLength(31);
  });
});

describe("POST /study/materials/upload", () => {
  const upload = (who: Caller, orgId: number) =>
    app.inject({
      method: "POST",
      url: `/api/study/materials/upload?orgId=${orgId}&title=${encodeURIComponent("解读")}`,
      headers: { ...who.headers, "content-type": "application/pdf", "x-file-name": "a.pdf" },
      payload: Buffer.from("%PDF-1.4\n%%EOF\n"),
    });

  it("is 401 anonymous, 403 for a member, 404 for the sibling town, writing nothing", async () => {
    const before = await auditCount(ctx);
    expect((await upload(anonymous, w.town.id)).statusCode).toBe(401);
    expect((await upload(w.member, w.town.id)).statusCode).toBe(403);
    expect((await upload(w.siblingSecretary, w.town.id)).statusCode).toBe(404);
    expect(await auditCount(ctx)).toBe(before);
    expect((await upload(w.secretary, w.town.id)).statusCode).toBe(201);
  });
});

describe("bank maintenance and Excel routes", () => {
  const xlsx = async () => {
    const { default: ExcelJS } = await import("exceljs");
    const book = new ExcelJS.Workbook();
    book.addWorksheet("题库").addRow(["题型"]);
    return Buffer.from(await book.xlsx.writeBuffer());
  };
  const post = async (who: Caller, url: string) =>
    app.inject({
      method: "POST",
      url,
      headers: {
        ...who.headers,
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      },
      payload: await xlsx(),
    });

  it("are 401 anonymous and 403 for a member", async () => {
    for (const url of ["/api/study/questions/import/preview", "/api/study/questions/import"]) {
      expect((await post(anonymous, `${url}?orgId=${w.town.id}`)).statusCode).toBe(401);
      expect((await post(w.member, `${url}?orgId=${w.town.id}`)).statusCode).toBe(403);
    }
    expect((await call(app, anonymous, "GET", "/api/study/questions/export")).statusCode).toBe(401);
    expect((await call(app, w.member, "GET", "/api/study/questions/export")).statusCode).toBe(403);
    expect(
      (await call(app, anonymous, "POST", "/api/study/questions/flag-changed", {})).statusCode,
    ).toBe(401);
    expect(
      (await call(app, w.member, "POST", "/api/study/questions/flag-changed", {})).statusCode,
    ).toBe(403);
  });

  it("give the sibling town nothing of ours: no import into our org, no rows, no flags", async () => {
    for (const url of ["/api/study/questions/import/preview", "/api/study/questions/import"]) {
      expect((await post(w.siblingSecretary, `${url}?orgId=${w.town.id}`)).statusCode).toBe(404);
    }
    const { default: ExcelJS } = await import("exceljs");
    const exported = await call(app, w.siblingSecretary, "GET", "/api/study/questions/export");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]?.rowCount).toBe(2);
    // A stale citation in our bank is flagged by our secretary's button or the job, not theirs.
    await ctx.db.query("UPDATE study_questions SET article_ids = '{999999}' WHERE id = $1", [
      questionId,
    ]);
    expect(
      (await call(app, w.siblingSecretary, "POST", "/api/study/questions/flag-changed", {})).json()
        .flagged,
    ).toBe(0);
    expect(
      (await call(app, w.secretary, "POST", "/api/study/questions/flag-changed", {})).json()
        .flagged,
    ).toBe(1);
  });
});
