import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { anonymous, auditCount, call } from "../../orgs/orgs.fixtures.ts";
import { aReport, type CasesTree, casesTree, fileAReport } from "../cases.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CasesTree;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await casesTree(ctx);
});

describe("filing a report", () => {
  it("gives the filer a receipt with a case number and both deadlines", async () => {
    const receipt = await fileAReport(app, t.filer);
    expect(receipt.number).toMatch(/^JB-\d{4}-\d{6}$/);
    expect(receipt.ackDueOn < receipt.feedbackDueOn).toBe(true);
    const mine = (await call(app, t.filer, "GET", "/api/cases/mine")).json();
    expect(mine.items.map((c: { id: number }) => c.id)).toContain(receipt.id);
  });

  it("tells the branch's handlers, not the filer", async () => {
    const receipt = await fileAReport(app, t.filer);
    const rows = await ctx.db.query<{ user_id: string }>(
      "SELECT user_id FROM notifications WHERE source_type = 'case' AND source_id = $1",
      [String(receipt.id)],
    );
    const to = rows.rows.map((r) => Number(r.user_id));
    expect(to).toContain(t.secretaryUser.id);
    expect(to).not.toContain(t.filerUser.id);
  });

  it("refuses an anonymous report unless the organization allows them (Art 12)", async () => {
    const res = await call(
      app,
      t.filer,
      "POST",
      "/api/cases/reports",
      aReport({ anonymous: true }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe("anonymous");
  });

  it("lets a filer name only a member of their own branch, by pick; others by name", async () => {
    const other = await call(
      app,
      t.filer,
      "POST",
      "/api/cases/reports",
      aReport({ subjectMemberId: t.self.id + 100_000 }),
    );
    expect(other.statusCode).toBe(400);
    expect(other.json().error.field).toBe("subjectMemberId");
    const byName = await call(
      app,
      t.filer,
      "POST",
      "/api/cases/reports",
      aReport({ subjectName: "李某某" }),
    );
    expect(byName.statusCode).toBe(201);
  });

  it("refuses a link that is not http(s), an unknown article, and a future-less body", async () => {
    for (const [body, field] of [
      [aReport({ link: "javascript:alert(1)" }), "link"],
      [aReport({ articles: [99] }), "articles"],
      [aReport({ description: "" }), "description"],
    ] as const) {
      const res = await call(app, t.filer, "POST", "/api/cases/reports", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
  });
});

describe("handling a report", () => {
  it("runs accept → forward → close, and the filer reads the reply, not the notes", async () => {
    const r = await fileAReport(app, t.filer);
    const step = (name: string, body: object = {}) =>
      call(app, t.branchSecretary, "POST", `/api/cases/${r.id}/transitions/${name}`, body);
    expect((await step("close", { outcome: "unfounded", feedback: "x" })).statusCode).toBe(409);
    expect((await step("accept", { note: "先核实账号归属" })).statusCode).toBe(200);
    expect(
      (await step("forward", { destination: "微博平台", reference: "WB-2026-118" })).statusCode,
    ).toBe(200);
    const noFeedback = await step("close", { outcome: "founded_handled" });
    expect(noFeedback.statusCode).toBe(400);
    expect(noFeedback.json().error.field).toBe("feedback");
    const closed = await step("close", {
      outcome: "founded_handled",
      feedback: "经核查属实，平台已删除相关内容，感谢您的举报。",
    });
    expect(closed.statusCode).toBe(200);

    const filerView = (await call(app, t.filer, "GET", `/api/cases/mine/${r.id}`)).json();
    expect(filerView.state).toBe("closed");
    expect(filerView.outcomeLabel).toBe("经核查属实，已依规处理");
    const texts = JSON.stringify(filerView.events);
    expect(texts).toContain("平台已删除相关内容");
    expect(texts).not.toContain("先核实账号归属");
    expect(texts).not.toContain("WB-2026-118");
    expect(filerView.handlerName).toBeNull();

    const handlerView = (await call(app, t.branchSecretary, "GET", `/api/cases/${r.id}`)).json();
    expect(JSON.stringify(handlerView.events)).toContain("先核实账号归属");
    expect(handlerView.filed.accountName).toBe("青山夜话");

    const late = await call(app, t.filer, "POST", `/api/cases/mine/${r.id}/messages`, {
      text: "补充一条链接",
    });
    expect(late.statusCode).toBe(409);
  });

  it("writes one audit row per step, in the same transaction", async () => {
    const r = await fileAReport(app, t.filer);
    const before = await auditCount(ctx, "case.accept");
    await call(app, t.discipline, "POST", `/api/cases/${r.id}/transitions/accept`, {});
    expect(await auditCount(ctx, "case.accept")).toBe(before + 1);
    const refused = await call(
      app,
      t.discipline,
      "POST",
      `/api/cases/${r.id}/transitions/accept`,
      {},
    );
    expect(refused.statusCode).toBe(409);
    expect(await auditCount(ctx, "case.accept")).toBe(before + 1);
  });

  it("offers reports on the same link for merging", async () => {
    const a = await fileAReport(app, t.filer, { link: "https://weibo.com/u/55/status/1" });
    const b = await fileAReport(app, t.filer, { link: "https://WEIBO.com/u/55/status/1/#top" });
    const detail = (await call(app, t.branchSecretary, "GET", `/api/cases/${b.id}`)).json();
    expect(detail.related.map((x: { id: number }) => x.id)).toContain(a.id);
  });
});

describe("who sees a case", () => {
  it("answers 401 without a session and 403 to a member who handles nothing", async () => {
    expect((await call(app, anonymous, "GET", "/api/cases")).statusCode).toBe(401);
    expect((await call(app, t.filer, "GET", "/api/cases")).statusCode).toBe(403);
  });

  it("shows a sibling town's discipline officer nothing", async () => {
    const r = await fileAReport(app, t.filer);
    const list = (await call(app, t.siblingDiscipline, "GET", "/api/cases?limit=100")).json();
    expect(list.items).toEqual([]);
    for (const [method, url] of [
      ["GET", `/api/cases/${r.id}`],
      ["POST", `/api/cases/${r.id}/transitions/accept`],
      ["POST", `/api/cases/${r.id}/reveal-filer`],
    ] as const) {
      const res = await call(
        app,
        t.siblingDiscipline,
        method,
        url,
        method === "POST" ? {} : undefined,
      );
      expect(res.statusCode, url).toBe(404);
    }
  });

  it("hides a case from the member it names, and routes a report on a secretary up", async () => {
    const aboutChen = await fileAReport(app, t.filer, { subjectMemberId: t.chen.id });
    expect(
      (await call(app, t.chenCaller, "GET", `/api/cases/mine/${aboutChen.id}`)).statusCode,
    ).toBe(404);
    const aboutSecretary = await fileAReport(app, t.filer, { subjectMemberId: t.zhao.id });
    const detail = (await call(app, t.discipline, "GET", `/api/cases/${aboutSecretary.id}`)).json();
    expect(detail.orgName).toBe(t.town.name);
    const secretaryList = (
      await call(app, t.branchSecretary, "GET", "/api/cases?limit=100")
    ).json();
    expect(secretaryList.items.map((c: { id: number }) => c.id)).not.toContain(aboutSecretary.id);
  });

  it("pages with a cursor and says when there is more", async () => {
    for (let i = 0; i < 3; i++) await fileAReport(app, t.filer);
    const first = (await call(app, t.discipline, "GET", "/api/cases?limit=2")).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = (
      await call(app, t.discipline, "GET", `/api/cases?limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items[0].id).toBeLessThan(first.items[1].id);
  });
});

describe("an organization's case settings", () => {
  const settings = { allowAnonymous: true, ackDays: 5, feedbackDays: 60, retentionDays: 3650 };

  it("are set by a handler of the org, audited, and reach the branch below", async () => {
    const before = await auditCount(ctx, "case.settings");
    const res = await call(app, t.discipline, "PUT", `/api/cases/settings/${t.town.id}`, settings);
    expect(res.statusCode).toBe(200);
    expect(await auditCount(ctx, "case.settings")).toBe(before + 1);
    const below = await call(app, t.branchSecretary, "GET", `/api/cases/settings/${t.branch.id}`);
    expect(below.json()).toEqual(settings);
    const r = await fileAReport(app, t.filer, { anonymous: true });
    expect(r.number).toMatch(/^JB-/);
  });

  it("are refused to a member, to a sibling town, and out of range", async () => {
    expect(
      (await call(app, t.filer, "PUT", `/api/cases/settings/${t.branch.id}`, settings)).statusCode,
    ).toBe(403);
    expect(
      (await call(app, t.siblingDiscipline, "PUT", `/api/cases/settings/${t.town.id}`, settings))
        .statusCode,
    ).toBe(404);
    const bad = await call(app, t.discipline, "PUT", `/api/cases/settings/${t.town.id}`, {
      ...settings,
      ackDays: 0,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe("ackDays");
  });
});
