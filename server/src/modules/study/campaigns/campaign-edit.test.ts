import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { anonymous, auditCount, call } from "../../orgs/orgs.fixtures.ts";
import { approvedBank, campaignBody, studyWorld, type World } from "../study.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let w: World;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  w = await studyWorld(ctx);
  await approvedBank(app, w);
});

const draft = async () => {
  const res = await call(app, w.secretary, "POST", "/api/study/campaigns", campaignBody(w));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
};
const put = (id: number, body: unknown, who = w.secretary) =>
  call(app, who, "PUT", `/api/study/campaigns/${id}`, body);
const lastAudit = async (action: string) =>
  (
    await ctx.db.query<{ before: unknown; after: Record<string, unknown>; org_path: string }>(
      `SELECT before, after, org_path::text FROM audit_events WHERE action = $1
        ORDER BY id DESC LIMIT 1`,
      [action],
    )
  ).rows[0];

describe("PUT /study/campaigns/:id (draft only)", () => {
  it("rewrites title, dates, org, materials and rules of a draft, audited with before and after", async () => {
    const id = await draft();
    const material = await call(app, w.secretary, "POST", "/api/study/materials", {
      kind: "article",
      orgId: w.town.id,
      title: "第十九条",
      articleIds: [w.art(19)],
    });
    const startsAt = new Date(Date.now() + 86400_000).toISOString();
    const endsAt = new Date(Date.now() + 3 * 86400_000).toISOString();
    const body = campaignBody(w, {
      orgId: w.branch.id,
      title: "第十九条专题",
      startsAt,
      endsAt,
      materialIds: [material.json().id],
      passMark: 80,
      rules: [{ chapter: null, type: "true_false", count: 3 }],
    });
    const res = await put(id, body);
    expect(res.statusCode, res.body).toBe(200);
    const got = (await call(app, w.secretary, "GET", `/api/study/campaigns/${id}`)).json();
    expect(got).toMatchObject({
      orgId: w.branch.id,
      title: "第十九条专题",
      passMark: 80,
      materialIds: [material.json().id],
      rules: [{ chapter: null, type: "true_false", count: 3 }],
      status: "draft",
      can: { edit: true, publish: true },
    });
    // Stored to the second.
    expect(Math.floor(Date.parse(got.startsAt) / 1000)).toBe(
      Math.floor(Date.parse(startsAt) / 1000),
    );
    const audit = await lastAudit("study.campaign.update");
    expect(audit?.before).toMatchObject({ title: campaignBody(w).title, orgId: w.town.id });
    expect(audit?.after).toMatchObject({ title: "第十九条专题", orgId: w.branch.id });
  });

  it("is refused with 409 once published, changing and auditing nothing", async () => {
    const id = await draft();
    expect(
      (await call(app, w.secretary, "POST", `/api/study/campaigns/${id}/publish`, {})).statusCode,
    ).toBe(200);
    const before = await auditCount(ctx);
    const res = await put(id, campaignBody(w, { title: "改了" }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("study_campaign_published");
    expect(res.json().error.message).toContain("已发布");
    expect(await auditCount(ctx)).toBe(before);
    const got = (await call(app, w.secretary, "GET", `/api/study/campaigns/${id}`)).json();
    expect(got.title).toBe(campaignBody(w).title);
    expect(got.can.edit).toBe(false);
  });

  it("refuses moving the draft to an org the caller does not manage, or materials not usable there", async () => {
    const id = await draft();
    const before = await auditCount(ctx);
    expect((await put(id, campaignBody(w, { orgId: w.otherTown.id }))).statusCode).toBe(404);
    expect((await put(id, campaignBody(w, { orgId: w.county.id }))).statusCode).toBe(404);
    expect((await put(id, campaignBody(w, { materialIds: [999_999] }))).statusCode).toBe(400);
    const bad = await put(id, campaignBody(w, { endsAt: new Date(0).toISOString() }));
    expect(bad.statusCode).toBe(400);
    expect(await auditCount(ctx)).toBe(before);
  });

  it("is 401 anonymous, 403 for a member, 404 for the sibling town's secretary", async () => {
    const id = await draft();
    const before = await auditCount(ctx);
    expect((await put(id, campaignBody(w), anonymous)).statusCode).toBe(401);
    expect((await put(id, campaignBody(w), w.member)).statusCode).toBe(403);
    const sibling = await put(id, campaignBody(w, { orgId: w.otherTown.id }), w.siblingSecretary);
    expect(sibling.statusCode).toBe(404);
    expect((await put(999_999, campaignBody(w))).statusCode).toBe(404);
    expect(await auditCount(ctx)).toBe(before);
  });
});
