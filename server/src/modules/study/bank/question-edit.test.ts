import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { anonymous, auditCount, type Caller, call, callerWith } from "../../orgs/orgs.fixtures.ts";
import { approvedBank, publishedCampaign, studyWorld, type World } from "../study.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let w: World;
let bank: number[];

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  w = await studyWorld(ctx);
  bank = await approvedBank(app, w);
});

const question = (over: Record<string, unknown> = {}) => ({
  type: "single",
  stem: "党员在网上转发信息前应当怎样做？",
  options: ["核实来源", "先转再说", "看转发数"],
  answer: ["0"],
  explanation: "第十七条要求不信谣、不传谣",
  articleIds: [w.art(17)],
  ...over,
});
const create = async (over: Record<string, unknown> = {}, who: Caller = w.secretary) => {
  const res = await call(app, who, "POST", "/api/study/questions", {
    orgId: w.town.id,
    ...question(over),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
};
const edit = (id: number, body: unknown, who: Caller = w.secretary) =>
  call(app, who, "PUT", `/api/study/questions/${id}`, body);
const review = (id: number, decision: "approve" | "retire") =>
  call(app, w.secretary, "POST", `/api/study/questions/${id}/review`, { decision });
const row = async (id: number) =>
  (
    await ctx.db.query<{ stem: string; status: string; revision_of: number | null }>(
      "SELECT stem, status, revision_of::int FROM study_questions WHERE id = $1",
      [id],
    )
  ).rows[0];
const list = async (who: Caller, query = "") =>
  (await call(app, who, "GET", `/api/study/questions?pageSize=200${query}`)).json().items as {
    id: number;
    orgId: number;
    revisionOf: number | null;
  }[];

describe("a question written by hand", () => {
  it("enters the bank as a draft and reaches no member until a reviewer approves it", async () => {
    const id = await create({ type: "multiple", answer: ["0", "2"], options: ["甲", "乙", "丙"] });
    expect((await row(id))?.status).toBe("draft");
    expect((await list(w.secretary, "&status=draft")).map((q) => q.id)).toContain(id);
    expect((await review(id, "approve")).statusCode).toBe(200);
    expect((await row(id))?.status).toBe("approved");
  });

  it("accepts every type: single, multiple, true/false and fill-in-the-blank", async () => {
    await create({ type: "true_false", options: [], answer: ["true"] });
    await create({
      type: "fill_blank",
      stem: "党员干部____以职务身份直播带货",
      options: [],
      answer: ["不得"],
    });
  });
});

describe("PUT /study/questions/:id", () => {
  it("rewrites a never-approved draft in place, still a draft, audited", async () => {
    const id = await create();
    const res = await edit(id, question({ stem: "改写后的题干", articleIds: [w.art(18)] }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id, revisionOf: null, status: "draft" });
    expect(await row(id)).toMatchObject({ stem: "改写后的题干", status: "draft" });
    expect(await auditCount(ctx, "study.question.update")).toBe(1);
  });

  it("never changes an approved question in a published campaign's papers: a revision waits for review", async () => {
    const campaignId = await publishedCampaign(app, w);
    const start = await call(app, w.member, "POST", `/api/study/tasks/${campaignId}/attempts`, {});
    expect(start.statusCode, start.body).toBe(200);
    const inPaper: { id: number; stem: string } = start.json().questions[0];
    const original = (await row(inPaper.id)) ?? { stem: "" };

    const res = await edit(inPaper.id, question({ stem: "修订后的题干" }));
    expect(res.statusCode, res.body).toBe(200);
    const revision: number = res.json().id;
    expect(res.json()).toEqual({ id: revision, revisionOf: inPaper.id, status: "draft" });
    expect(revision).not.toBe(inPaper.id);
    // The original and the member's paper are untouched; the revision is a draft.
    expect(await row(inPaper.id)).toMatchObject({ stem: original.stem, status: "approved" });
    const paper = await call(app, w.member, "GET", `/api/study/attempts/${start.json().id}`);
    expect(paper.json().questions.find((q: { id: number }) => q.id === inPaper.id).stem).toBe(
      inPaper.stem,
    );
    expect(await row(revision)).toMatchObject({ status: "draft", revision_of: inPaper.id });
    expect(await auditCount(ctx, "study.question.revise")).toBe(1);

    // A second edit of the original while the revision waits is refused; edit the revision.
    const twice = await edit(inPaper.id, question({ stem: "又一次修订" }));
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe("study_revision_pending");
    expect((await edit(revision, question({ stem: "修订稿再改" }))).json().revisionOf).toBeNull();

    // Approving the revision retires the original in the same step, audited.
    expect((await review(revision, "approve")).statusCode).toBe(200);
    expect((await row(inPaper.id))?.status).toBe("retired");
    expect((await row(revision))?.status).toBe("approved");
    const retired = await ctx.db.query<{ after: { supersededBy: number } }>(
      "SELECT after FROM audit_events WHERE action = 'study.question.retire' AND entity_id = $1",
      [String(inPaper.id)],
    );
    expect(retired.rows[0]?.after.supersededBy).toBe(revision);

    // A retired question is not edited at all.
    const gone = await edit(inPaper.id, question());
    expect(gone.statusCode).toBe(409);
    expect(gone.json().error.code).toBe("study_question_retired");
  });

  it("revises a flagged question that was once approved instead of rewriting it", async () => {
    const id = bank[1] ?? 0;
    await ctx.db.query("UPDATE study_questions SET status = 'flagged' WHERE id = $1", [id]);
    const res = await edit(id, question({ type: "true_false", options: [], answer: ["false"] }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().revisionOf).toBe(id);
  });

  it("checks the content like a new question and writes nothing on bad input", async () => {
    const id = await create();
    const before = await auditCount(ctx);
    expect((await edit(id, question({ answer: ["7"] }))).statusCode).toBe(400);
    expect((await edit(id, question({ articleIds: [999_999] }))).statusCode).toBe(400);
    expect((await edit(id, { ...question(), orgId: w.otherTown.id })).statusCode).toBe(400);
    expect(await auditCount(ctx)).toBe(before);
  });

  it("is 401 anonymous, 403 for a member, 404 for the sibling town's secretary, writing nothing", async () => {
    const id = await create();
    const before = await auditCount(ctx);
    expect((await edit(id, question(), anonymous)).statusCode).toBe(401);
    expect((await edit(id, question(), w.member)).statusCode).toBe(403);
    expect((await edit(id, question(), w.siblingSecretary)).statusCode).toBe(404);
    expect((await edit(999_999, question())).statusCode).toBe(404);
    expect(await auditCount(ctx)).toBe(before);
    expect((await row(id))?.stem).toBe(question().stem);
  });
});

describe("the question bank per org", () => {
  it("shows each manager the banks of their own subtree only", async () => {
    const theirs = await create({ stem: "东街镇的题" }, w.siblingSecretary).catch(() => 0);
    expect(theirs).toBe(0); // the sibling cannot write into our town's bank
    const sibling = await call(app, w.siblingSecretary, "POST", "/api/study/questions", {
      orgId: w.otherTown.id,
      ...question({ stem: "东街镇的题" }),
    });
    expect(sibling.statusCode, sibling.body).toBe(201);
    const siblingId: number = sibling.json().id;

    const ours = await list(w.secretary);
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.every((q) => q.orgId === w.town.id)).toBe(true);
    expect(ours.map((q) => q.id)).not.toContain(siblingId);

    const theirList = await list(w.siblingSecretary);
    expect(theirList.map((q) => q.id)).toEqual([siblingId]);

    // The county above both towns sees both banks.
    const county = await callerWith(ctx, "secretary", w.county);
    const all = (await list(county)).map((q) => q.id);
    expect(all).toContain(siblingId);
    expect(all).toContain(ours[0]?.id);

    // And our secretary cannot edit or review the sibling's question.
    const before = await auditCount(ctx);
    expect((await edit(siblingId, question())).statusCode).toBe(404);
    expect((await review(siblingId, "approve")).statusCode).toBe(404);
    expect(await auditCount(ctx)).toBe(before);
  });
});

describe("generated drafts", () => {
  it("refuse an edit that would copy another generated draft's stem with 409, not 500", async () => {
    const insert = async (stem: string) =>
      (
        await ctx.db.query<{ id: number }>(
          `INSERT INTO study_questions (org_id, org_path, type, stem, options, answer, explanation, article_ids, origin, status)
           SELECT id, path, 'true_false', $1, '{}', '{true}', '第十九条', $2, 'generated', 'draft' FROM orgs WHERE id = $3
           RETURNING id::int`,
          [stem, [w.art(19)], w.town.id],
        )
      ).rows[0]?.id ?? 0;
    await insert("党员干部不得以职务身份开展直播带货。");
    const other = await insert("党员干部可以以职务身份开展网络借贷。");
    const res = await edit(
      other,
      question({
        type: "true_false",
        options: [],
        answer: ["true"],
        stem: "党员干部不得以职务身份开展直播带货。",
      }),
    );
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toMatchObject({ code: "study_duplicate_stem", field: "stem" });
  });
});
