import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { anonymous, auditCount, type Caller, call } from "../../orgs/orgs.fixtures.ts";
import { type ReviewTree, reviewTree } from "../review.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: ReviewTree;
let followupId: number;

/** A closed 2024 round of the branch in which 刘红梅 was graded 不合格. */
beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await reviewTree(ctx);
  const roundId = (
    await call(app, t.branchSecretary, "POST", "/api/review/rounds", {
      orgId: t.branch.id,
      year: 2024,
    })
  ).json().id;
  await call(app, t.branchSecretary, "POST", `/api/review/rounds/${roundId}/close`);
  const decided = await call(
    app,
    t.branchSecretary,
    "POST",
    `/api/review/rounds/${roundId}/decisions`,
    {
      memberId: t.liu.id,
      grade: "incompetent",
      reason: "多次在网上转发不实信息，经教育仍未改正",
    },
  );
  expect(decided.statusCode, decided.body).toBe(200);
  const list = await call(app, t.branchSecretary, "GET", "/api/review/followups?status=open");
  followupId = list.json().items[0].id;
});

const close = (
  who: Caller,
  body: unknown = {
    measures: "支部书记谈心谈话，限期三个月改正",
    outcome: "本人已深刻检查，限期改正期满表现良好",
  },
) => call(app, who, "POST", `/api/review/followups/${followupId}/close`, body);

describe("处置 follow-ups", () => {
  it("are listed for the branch and the committee above, closable only by the manager", async () => {
    const mine = (await call(app, t.branchSecretary, "GET", "/api/review/followups")).json().items;
    expect(mine).toEqual([
      expect.objectContaining({
        id: followupId,
        member: { id: t.liu.id, name: "刘红梅" },
        reason: "多次在网上转发不实信息，经教育仍未改正",
        status: "open",
        round: expect.objectContaining({ year: 2024 }),
        can: { close: true },
      }),
    ]);
    const above = (
      await call(app, t.discipline, "GET", `/api/review/followups?orgId=${t.town.id}`)
    ).json().items;
    expect(above.map((f: { id: number }) => f.id)).toEqual([followupId]);
    expect(above[0].can).toEqual({ close: false });
  });

  it("show as open in the oversight table until closed", async () => {
    const row = async () =>
      (await call(app, t.discipline, "GET", "/api/review/oversight?year=2024"))
        .json()
        .items.find((i: { orgId: number }) => i.orgId === t.branch.id);
    expect((await row()).followupsOpen).toBe(1);
    expect((await row()).grades.incompetent).toBe(1);
  });

  it("are refused without a session, to a member and to the sibling town, changing nothing", async () => {
    const before = await auditCount(ctx);
    expect((await call(app, anonymous, "GET", "/api/review/followups")).statusCode).toBe(401);
    expect((await close(anonymous)).statusCode).toBe(401);
    expect((await call(app, t.member, "GET", "/api/review/followups")).statusCode).toBe(403);
    expect((await close(t.liuCaller)).statusCode).toBe(403);
    expect((await close(t.discipline)).statusCode).toBe(403);
    for (const who of [t.siblingSecretary, t.siblingDiscipline]) {
      const list = await call(app, who, "GET", "/api/review/followups");
      expect(list.statusCode).toBe(200);
      expect(list.json().items).toEqual([]);
      const byOrg = await call(app, who, "GET", `/api/review/followups?orgId=${t.branch.id}`);
      expect(byOrg.statusCode).toBe(404);
    }
    expect((await close(t.siblingSecretary)).statusCode).toBe(404);
    expect(await auditCount(ctx)).toBe(before);
  });

  it("need both the measures and the outcome", async () => {
    const res = await close(t.branchSecretary, { measures: "谈话提醒", outcome: " " });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toMatch(/outcome/);
  });

  it("close with who, when and what was done, audited, and only once", async () => {
    const before = await auditCount(ctx, "evaluation.followup.close");
    const res = await close(t.secretary);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: "closed",
      measures: "支部书记谈心谈话，限期三个月改正",
      outcome: "本人已深刻检查，限期改正期满表现良好",
      closedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
      closedBy: expect.any(String),
      can: { close: false },
    });
    expect(await auditCount(ctx, "evaluation.followup.close")).toBe(before + 1);
    expect((await close(t.branchSecretary)).statusCode).toBe(409);
    const row = (await call(app, t.discipline, "GET", "/api/review/oversight?year=2024"))
      .json()
      .items.find((i: { orgId: number }) => i.orgId === t.branch.id);
    expect(row.followupsOpen).toBe(0);
  });
});
