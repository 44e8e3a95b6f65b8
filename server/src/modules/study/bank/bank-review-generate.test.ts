import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { anonymous, auditCount, type Caller, call } from "../../orgs/orgs.fixtures.ts";
import { studyWorld, type World } from "../study.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let w: World;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  w = await studyWorld(ctx);
});

interface Q {
  id: number;
  stem: string;
  status: string;
  explanation: string;
  articleIds: number[];
  type: string;
}
const bank = async (status = "draft") =>
  (await call(app, w.secretary, "GET", `/api/study/questions?pageSize=200&status=${status}`)).json()
    .items as Q[];
const generate = (who: Caller, body: Record<string, unknown>) =>
  call(app, who, "POST", "/api/study/questions/generate", { orgId: w.town.id, ...body });
const batch = (who: Caller, body: unknown) =>
  call(app, who, "POST", "/api/study/questions/review", body);

describe("生成草稿 from chosen articles", () => {
  it("drafts only from the chosen articles and kinds, one per sentence first", async () => {
    const chosen = [w.art(15), w.art(19)];
    const res = await generate(w.secretary, { articleIds: chosen, types: ["single"], limit: 2 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, skipped: 0 });
    expect(res.json().remaining).toBeGreaterThan(0);
    const drafts = await bank();
    expect(drafts).toHaveLength(2);
    for (const d of drafts) {
      expect(d.type).toBe("single");
      expect(chosen).toContain(d.articleIds[0]);
    }
    // Two drafts of one run quote two different sentences, not one sentence twice.
    expect(new Set(drafts.map((d) => d.explanation)).size).toBe(2);
  });

  it("skips stems the bank already holds, whoever wrote them, and says how many", async () => {
    const existing = (await bank())[0] as Q;
    // A hand-written copy of a generated stem (a space before its full stop) also counts.
    const blank = {
      type: "fill_blank",
      stem: "党员干部____违反有关规定以职务身份开展网络借贷、直播带货等营利活动 。",
      answer: ["不得"],
      explanation: "依据第十九条",
      articleIds: [w.art(19)],
    };
    const own = await call(app, w.secretary, "POST", "/api/study/questions", {
      orgId: w.town.id,
      ...blank,
    });
    expect(own.statusCode, own.body).toBe(201);

    const again = await generate(w.secretary, { articleIds: [w.art(15), w.art(19)], limit: 200 });
    expect(again.statusCode, again.body).toBe(200);
    const body = again.json();
    expect(body.skipped).toBeGreaterThanOrEqual(2);
    const stems = (await bank()).map((q) => q.stem);
    expect(stems.filter((s) => s === existing.stem)).toHaveLength(1);
    expect(stems.filter((s) => s.startsWith("党员干部____违反有关规定以职务身份"))).toHaveLength(1);
    const third = await generate(w.secretary, { articleIds: [w.art(15), w.art(19)], limit: 200 });
    expect(third.json()).toMatchObject({ created: 0, remaining: 0 });
    expect(third.json().skipped).toBe(body.created + body.skipped);
  });

  it("refuses an article not in force (400 naming articleIds) and an unknown kind", async () => {
    const before = await auditCount(ctx);
    const stale = await generate(w.secretary, { articleIds: [999_999] });
    expect(stale.statusCode).toBe(400);
    expect(stale.json().error.field).toBe("articleIds");
    const kind = await generate(w.secretary, { types: ["essay"] });
    expect(kind.statusCode).toBe(400);
    expect(await auditCount(ctx)).toBe(before);
  });
});

describe("POST /study/questions/review (batch)", () => {
  it("is 401 anonymous, 403 for a member, 404 for the sibling town, changing nothing", async () => {
    const ids = (await bank()).slice(0, 2).map((q) => q.id);
    const before = await auditCount(ctx);
    expect((await batch(anonymous, { ids, decision: "approve" })).statusCode).toBe(401);
    expect((await batch(w.member, { ids, decision: "approve" })).statusCode).toBe(403);
    expect((await batch(w.siblingSecretary, { ids, decision: "approve" })).statusCode).toBe(404);
    expect(await auditCount(ctx)).toBe(before);
    expect((await bank()).map((q) => q.id)).toEqual(expect.arrayContaining(ids));
  });

  it("answers 400 naming the field for no ids, too many, or an unknown decision", async () => {
    for (const [body, field] of [
      [{ ids: [], decision: "approve" }, "ids"],
      [{ ids: Array.from({ length: 201 }, (_, i) => i + 1), decision: "approve" }, "ids"],
      [{ ids: [1], decision: "publish" }, "decision"],
    ] as const) {
      const res = await batch(w.secretary, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe(field);
    }
  });

  it("approves every ticked draft in one go, one audit row each", async () => {
    const ids = (await bank()).slice(0, 3).map((q) => q.id);
    const res = await batch(w.secretary, { ids, decision: "approve" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ reviewed: 3, status: "approved" });
    const approved = (await bank("approved")).map((q) => q.id);
    expect(approved).toEqual(expect.arrayContaining(ids));
    const audit = await ctx.db.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'study.question.approve' AND entity_id = ANY($1)",
      [ids.map(String)],
    );
    expect(audit.rows[0]?.n).toBe(3);
  });

  it("changes nothing when one ticked question was already reviewed (409 naming it)", async () => {
    const [done] = (await bank("approved")).map((q) => q.id);
    const drafts = (await bank()).slice(0, 2).map((q) => q.id);
    const res = await batch(w.secretary, { ids: [...drafts, done], decision: "approve" });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain(`#${done}`);
    expect((await bank()).map((q) => q.id)).toEqual(expect.arrayContaining(drafts));
  });
});
