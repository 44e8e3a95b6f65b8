import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { anonymous, auditCount, type Caller, call } from "../../orgs/orgs.fixtures.ts";
import {
  approvedBank,
  campaignBody,
  publishedCampaign,
  studyWorld,
  type World,
} from "../study.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let w: World;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  w = await studyWorld(ctx);
  await approvedBank(app, w);
});

const withdraw = (
  who: Caller,
  id: number,
  body: unknown = { reason: "面向组织选错，将重新发布" },
) => call(app, who, "POST", `/api/study/campaigns/${id}/withdraw`, body);
const campaign = async (id: number) =>
  (await call(app, w.secretary, "GET", `/api/study/campaigns/${id}`)).json();
const inboxKinds = async (who: Caller) =>
  ((await call(app, who, "GET", "/api/notifications")).json().items as { kind: string }[]).map(
    (n) => n.kind,
  );

describe("POST /study/campaigns/:id/withdraw", () => {
  it("is 401 anonymous, 403 for a member, 404 for the sibling town, changing nothing", async () => {
    const id = await publishedCampaign(app, w, { title: "十二月专题学习" });
    const before = await auditCount(ctx);
    expect((await withdraw(anonymous, id)).statusCode).toBe(401);
    expect((await withdraw(w.member, id)).statusCode).toBe(403);
    expect((await withdraw(w.siblingSecretary, id)).statusCode).toBe(404);
    expect(await auditCount(ctx)).toBe(before);
    expect((await campaign(id)).status).toBe("published");
  });

  it("wants a reason of 2 to 500 characters (400 naming the field)", async () => {
    const id = await publishedCampaign(app, w, { title: "十一月专题学习" });
    for (const body of [{}, { reason: " " }, { reason: "错" }, { reason: "x".repeat(501) }]) {
      const res = await withdraw(w.secretary, id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.field).toBe("reason");
    }
    expect((await campaign(id)).can.withdraw).toBe(true);
  });

  it("takes a campaign nobody has sat back, audited, tells its members, and drops their task", async () => {
    const id = await publishedCampaign(app, w, { title: "学习贯彻网络行为规定（撤回）" });
    expect(await inboxKinds(w.member)).toContain("study.published");
    const res = await withdraw(w.secretary, id, { reason: "抽题规则有误，修改后重新发布。" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, status: "withdrawn", notified: 1 });

    const shown = await campaign(id);
    expect(shown).toMatchObject({
      status: "withdrawn",
      withdrawReason: "抽题规则有误，修改后重新发布。",
      can: { edit: false, publish: false, withdraw: false },
    });
    expect(shown.withdrawnAt).toBeTruthy();

    const audit = await ctx.db.query(
      "SELECT before, after, org_path::text FROM audit_events WHERE action = 'study.campaign.withdraw' AND entity_id = $1",
      [String(id)],
    );
    expect(audit.rows).toEqual([
      {
        before: { status: "published" },
        after: { status: "withdrawn", reason: "抽题规则有误，修改后重新发布。" },
        org_path: w.town.path,
      },
    ]);
    const told = await call(app, w.member, "GET", "/api/notifications");
    expect(told.json().items).toContainEqual(
      expect.objectContaining({
        kind: "study.withdrawn",
        title: "专题学习已撤回：学习贯彻网络行为规定（撤回）",
        body: "撤回原因：抽题规则有误，修改后重新发布。此项学习任务已取消，无需再参加。",
      }),
    );
    const tasks = (await call(app, w.member, "GET", "/api/study/tasks")).json().items;
    expect(tasks.map((t: { campaign: { id: number } }) => t.campaign.id)).not.toContain(id);
    const start = await call(app, w.member, "POST", `/api/study/tasks/${id}/attempts`, {});
    expect(start.statusCode).toBe(404);
    // Twice is refused: it is no longer published.
    expect((await withdraw(w.secretary, id)).statusCode).toBe(409);
  });

  it("is refused (409) once a member has started a sitting, and for a draft", async () => {
    const id = await publishedCampaign(app, w, { title: "已有人参加的专题学习" });
    const sat = await call(app, w.member, "POST", `/api/study/tasks/${id}/attempts`, {});
    expect(sat.statusCode, sat.body).toBe(200);
    expect((await campaign(id)).can.withdraw).toBe(false);
    const res = await withdraw(w.secretary, id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("study_campaign_taken");
    expect((await campaign(id)).status).toBe("published");

    const draft = await call(
      app,
      w.secretary,
      "POST",
      "/api/study/campaigns",
      campaignBody(w, { title: "草稿" }),
    );
    expect((await withdraw(w.secretary, draft.json().id)).statusCode).toBe(409);
  });
});
