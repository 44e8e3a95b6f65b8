import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { type Caller, call, callerWith } from "../../orgs/orgs.fixtures.ts";
import { type CasesTree, casesTree } from "../cases.fixtures.ts";
import { daysPass, decision, FACTS, openCase, provisionIds } from "./discipline.fixtures.ts";
import { runDisciplineDeadline } from "./discipline-notify.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CasesTree;
let townSecretary: Caller;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await casesTree(ctx);
  townSecretary = await callerWith(ctx, "secretary", t.town);
});

const post = (who: Caller, url: string, body: object = {}) => call(app, who, "POST", url, body);
const auditCount = async (action: string, caseId: number) =>
  Number(
    (
      await ctx.db.query<{ n: string }>(
        "SELECT count(*) AS n FROM audit_events WHERE action = $1 AND entity_id = $2",
        [action, String(caseId)],
      )
    ).rows[0]?.n,
  );

async function noticed(days = 7) {
  const c = await openCase(app, t.branchSecretary, t.liu.id);
  const res = await post(t.branchSecretary, `/api/discipline/${c.id}/notice`, {
    facts: FACTS,
    defenceDays: days,
  });
  expect(res.statusCode).toBe(200);
  return c;
}

describe("discipline due process (Art 28)", () => {
  it("runs open → notice → defence → answers → decision → appeal → review, each step audited", async () => {
    const c = await noticed();
    expect(c.number).toMatch(/^JL-\d{4}-\d{6}$/);
    const defence = await post(t.filer, `/api/discipline/mine/${c.id}/defence`, {
      points: ["转发时未看完视频，不知其内容歪曲党史。", "发现后当天即已删除，并在群内说明。"],
    });
    expect(defence.statusCode).toBe(200);
    const early = await post(
      t.branchSecretary,
      `/api/discipline/${c.id}/decision`,
      decision(await provisionIds(app, t.branchSecretary, [10])),
    );
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain("未逐条答复");
    const answered = await post(t.branchSecretary, `/api/discipline/${c.id}/responses`, {
      responses: [
        { point: 0, adopted: false, text: "转发前应当核实内容，未看完即转发不能免除责任。" },
        { point: 1, adopted: true, text: "及时删除并说明属实，作为从轻情节予以考虑。" },
      ],
    });
    expect(answered.statusCode).toBe(200);
    const decided = await post(
      t.branchSecretary,
      `/api/discipline/${c.id}/decision`,
      decision(await provisionIds(app, t.branchSecretary, [10])),
    );
    expect(decided.statusCode).toBe(200);
    expect(decided.json().state).toBe("decided");

    const mine = (await call(app, t.filer, "GET", `/api/discipline/mine/${c.id}`)).json();
    expect(mine.decision.measureLabel).toBe("党内警告");
    expect(mine.decision.answers).toHaveLength(2);
    expect(mine.decision.appealTo).toContain("城关镇党委");
    expect(mine.can.appeal).toBe(true);
    expect(
      (
        await post(t.filer, `/api/discipline/mine/${c.id}/appeal`, {
          reasons: "已及时删除，处分过重，请求改为批评教育。",
        })
      ).statusCode,
    ).toBe(200);

    // The branch that decided cannot review its own decision; the town, one level up, does.
    const own = await post(t.branchSecretary, `/api/discipline/${c.id}/appeal-review`, {
      outcome: "upheld",
      reasons: "维持",
      decidedBy: "中共城关镇第一支部委员会",
      meetingName: "支委会",
      meetingOn: "2026-12-01",
    });
    expect(own.statusCode).toBe(403);
    const review = await post(townSecretary, `/api/discipline/${c.id}/appeal-review`, {
      outcome: "changed",
      measure: "criticism",
      reasons: "本人及时删除并作说明，情节轻微，改为批评教育。",
      decidedBy: "中共城关镇委员会",
      meetingName: "镇党委会议",
      meetingOn: "2026-12-01",
    });
    expect(review.statusCode).toBe(200);
    const after = (await call(app, t.filer, "GET", `/api/discipline/mine/${c.id}`)).json();
    expect(after.appealReview.outcomeLabel).toBe("申诉复查：变更原处理决定");
    expect(after.appealReview.measureLabel).toBe("批评教育");
    expect(after.stateLabel).toBe("已办结");
    for (const step of [
      "serve_notice",
      "submit_defence",
      "respond_defence",
      "decide",
      "appeal",
      "review_appeal",
    ]) {
      expect(await auditCount(`case.${step}`, c.id)).toBe(1);
    }
    expect(await auditCount("discipline.open", c.id)).toBe(1);
  });

  it("refuses a decision before notice, by its own route and by the generic one", async () => {
    const c = await openCase(app, t.branchSecretary, t.liu.id);
    const ids = await provisionIds(app, t.branchSecretary, [10]);
    const res = await post(t.branchSecretary, `/api/discipline/${c.id}/decision`, decision(ids));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain("不能作出处理决定");
    for (const name of ["decide", "serve_notice", "finalize", "dismiss"]) {
      const generic = await post(t.branchSecretary, `/api/cases/${c.id}/transitions/${name}`, {
        outcome: "decided",
        note: "直接办结",
      });
      expect(generic.statusCode).toBe(409);
    }
    const state = await ctx.db.query("SELECT state FROM cases WHERE id = $1", [c.id]);
    expect(state.rows[0].state).toBe("investigating");
    // The database holds the order too, for a writer that goes around the application.
    await expect(
      ctx.db.query(
        "UPDATE discipline_cases SET decided_on = cn_today(), measure = 'warning' WHERE case_id = $1",
        [c.id],
      ),
    ).rejects.toThrow(/check/);
  });

  it("refuses a decision within the defence period without an answer, and allows it the day after", async () => {
    const c = await noticed(5);
    const ids = await provisionIds(app, t.branchSecretary, [10]);
    const early = await post(t.branchSecretary, `/api/discipline/${c.id}/decision`, decision(ids));
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain("期满前不能作出处理决定");
    await daysPass(ctx, c.id, 5);
    expect(
      (await post(t.branchSecretary, `/api/discipline/${c.id}/decision`, decision(ids))).statusCode,
    ).toBe(409);
    await daysPass(ctx, c.id, 1);
    // A defence that comes after the period is refused; silence is not an answer.
    const late = await post(t.filer, `/api/discipline/mine/${c.id}/defence`, {
      points: ["迟到的申辩"],
    });
    expect(late.statusCode).toBe(409);
    expect(
      (await post(t.branchSecretary, `/api/discipline/${c.id}/decision`, decision(ids))).statusCode,
    ).toBe(200);
  });

  it("closes a decision nobody appealed once the period is over, and refuses an appeal after it", async () => {
    const c = await noticed(3);
    await daysPass(ctx, c.id, 4);
    const ids = await provisionIds(app, t.branchSecretary, [10]);
    expect(
      (
        await post(
          t.branchSecretary,
          `/api/discipline/${c.id}/decision`,
          decision(ids, { appealDays: 10 }),
        )
      ).statusCode,
    ).toBe(200);
    expect(await runDisciplineDeadline(ctx, { caseId: c.id, kind: "appeal" })).toBe("skipped");
    expect((await post(t.branchSecretary, `/api/discipline/${c.id}/finalize`)).statusCode).toBe(
      409,
    );
    await daysPass(ctx, c.id, 11);
    expect(
      (await post(t.filer, `/api/discipline/mine/${c.id}/appeal`, { reasons: "不服" })).statusCode,
    ).toBe(409);
    expect(await runDisciplineDeadline(ctx, { caseId: c.id, kind: "appeal" })).toBe("finalized");
    const mine = (await call(app, t.filer, "GET", `/api/discipline/mine/${c.id}`)).json();
    expect(mine.state).toBe("closed");
    expect(mine.can.appeal).toBe(false);
  });

  it("cites only provisions of the version in force at the time of the conduct", async () => {
    const before = await call(app, t.branchSecretary, "POST", "/api/discipline", {
      origin: "direct",
      memberId: t.liu.id,
      conductOn: "2023-06-01",
      provisionIds: [1],
      allegation: "2023 年的网上言论",
    });
    expect(before.statusCode).toBe(400);
    expect(before.json().error.field).toBe("conductOn");
    const unknown = await call(app, t.branchSecretary, "POST", "/api/discipline", {
      origin: "direct",
      memberId: t.liu.id,
      conductOn: "2026-10-20",
      provisionIds: [999999],
      allegation: "转发不实信息",
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe("provisionIds");
  });

  it("lets no handler open a case on themselves or on a member outside their scope", async () => {
    const self = await post(t.branchSecretary, "/api/discipline", {
      origin: "direct",
      memberId: t.zhao.id,
      conductOn: "2026-10-20",
      provisionIds: await provisionIds(app, t.branchSecretary, [10]),
      allegation: "自查",
    });
    expect(self.statusCode).toBe(403);
    const elsewhere = await post(t.siblingDiscipline, "/api/discipline", {
      origin: "direct",
      memberId: t.liu.id,
      conductOn: "2026-10-20",
      provisionIds: await provisionIds(app, t.siblingDiscipline, [10]),
      allegation: "越权立案",
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.field).toBe("memberId");
  });
});
