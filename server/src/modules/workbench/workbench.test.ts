import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildMember } from "../../../test/factories.ts";
import type { AppContext } from "../../platform/context.ts";
import { call } from "../orgs/orgs.fixtures.ts";
import { scheduleMeeting } from "../review/review.fixtures.ts";
import {
  approvedBank,
  publishedCampaign,
  studyWorld,
  type World,
} from "../study/study.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let w: World;
let campaignId: number;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  w = await studyWorld(ctx);
  await approvedBank(app, w);
  campaignId = await publishedCampaign(app, w, { title: "2026年网络行为规定专题学习" });
  // Two more members of the branch: neither has an account.
  await buildMember(ctx.db, { org: w.branch, name: "冯秀兰" });
  await buildMember(ctx.db, { org: w.branch, name: "邓卫国" });
  await scheduleMeeting(app, w.secretary, w.branch.id, {
    heldOn: "2099-01-10",
    rectifyBy: "2099-03-31",
    topic: "2026年度组织生活会",
  });
});

const workbench = (who: { headers: Record<string, string> }) =>
  call(app, who, "GET", "/api/workbench");

describe("GET /api/workbench", () => {
  it("is 401 without a session", async () => {
    expect((await workbench({ headers: {} })).statusCode).toBe(401);
  });

  it("lists a member's own study, practice and self-review with deadlines, and no org figures", async () => {
    const res = await workbench(w.member);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.orgs).toEqual([]);
    const byKind = Object.fromEntries(body.tasks.map((t: { kind: string }) => [t.kind, t]));
    expect(byKind.study).toMatchObject({
      title: "2026年网络行为规定专题学习",
      note: "尚未通过考试",
      link: `/study/tasks/${campaignId}`,
      overdue: false,
    });
    expect(byKind.study.dueAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(byKind.practice).toMatchObject({ link: "/study/practice", dueAt: null });
    expect(byKind.selfReview).toMatchObject({
      title: "2026年度组织生活会",
      note: "尚未提交",
      dueAt: "2099-01-10",
    });
  });

  it("shows a secretary without a member record no tasks and the subtree's open items", async () => {
    const body = (await workbench(w.secretary)).json();
    expect(body.tasks).toBeNull();
    expect(body.orgs).toHaveLength(1);
    const town = body.orgs[0];
    // 王建国 has an account (the member caller); 冯秀兰 and 邓卫国 have none.
    expect(town).toMatchObject({
      orgId: w.town.id,
      orgName: w.town.name,
      members: 3,
      withoutAccount: 2,
      selfReviewsToCheck: 0,
      rectificationsOpen: 0,
      can: { members: true, study: true, review: true },
    });
    expect(town.campaigns).toEqual([
      expect.objectContaining({ id: campaignId, members: 3, notStarted: 3, passed: 0 }),
    ]);
  });

  it("says in the campaign's results how many cannot take part for want of an account", async () => {
    const res = await call(app, w.secretary, "GET", `/api/study/campaigns/${campaignId}/results`);
    expect(res.json()).toMatchObject({ totals: { members: 3 }, withoutAccount: 2 });
  });

  it("shows a sibling town's secretary nothing of the town: its own empty subtree only", async () => {
    const body = (await workbench(w.siblingSecretary)).json();
    expect(body.orgs).toEqual([
      expect.objectContaining({
        orgId: w.otherTown.id,
        members: 0,
        withoutAccount: 0,
        campaigns: [],
      }),
    ]);
  });

  it("gives an administrator, who has no tasks and manages no members, an empty workbench", async () => {
    expect((await workbench(w.admin)).json()).toEqual({ tasks: null, orgs: [] });
  });
});
