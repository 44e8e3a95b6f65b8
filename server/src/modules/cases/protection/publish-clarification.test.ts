import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import { buildMember, buildOrg, buildUser } from "../../../../test/factories.ts";
import type { AppContext } from "../../../platform/context.ts";
import { anonymous, type Caller, call } from "../../orgs/orgs.fixtures.ts";
import { type CasesTree, casesTree } from "../cases.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CasesTree;
/** A member with an account in a second branch of the same town, and one in the other town. */
let neighbourUserId: number;
let otherTownUserId: number;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await casesTree(ctx);
  const branch2 = await buildOrg(ctx.db, {
    parent: t.town,
    kind: "branch",
    name: "城关镇第二党支部",
  });
  const wu = await buildMember(ctx.db, { org: branch2, name: "吴海燕" });
  neighbourUserId = (await buildUser(ctx.db, { role: "member", at: branch2, member: wu })).id;
  const zheng = await buildMember(ctx.db, { org: t.otherBranch, name: "郑国强" });
  otherTownUserId = (await buildUser(ctx.db, { role: "member", at: t.otherBranch, member: zheng }))
    .id;
});

const STATEMENT = "经组织核实，网上流传的关于陈晓明同志收受好处的说法没有事实依据，特此澄清正名。";

async function acceptedApplication() {
  const res = await call(app, t.chenCaller, "POST", "/api/cases/protection", {
    kind: "false_accusation",
    happenedOn: "2026-11-18",
    description: "有人在本地论坛发帖称我收受好处，并配以伪造的聊天截图。",
    links: ["https://bbs.qingshan.cn/thread/8812"],
    request: "请组织核实后在支部内澄清。",
  });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as number;
  const accepted = await call(app, t.discipline, "POST", `/api/cases/${id}/transitions/accept`, {});
  expect(accepted.statusCode).toBe(200);
  return id;
}

const publish = (who: Caller, id: number, extra: Record<string, unknown> = {}) =>
  call(app, who, "POST", `/api/cases/${id}/transitions/publish_clarification`, {
    note: "经与县网信办核实后发布",
    consent: true,
    statement: STATEMENT,
    scope: "own_org",
    ...extra,
  });

async function receivers(statement = STATEMENT) {
  const rows = await ctx.db.query<{ user_id: string }>(
    "SELECT user_id FROM notifications WHERE kind = 'case.clarification' AND body = $1",
    [statement],
  );
  return rows.rows.map((r) => Number(r.user_id));
}

describe("发布澄清正名 to the scope the organization chose", () => {
  it("reaches only the member's own branch, and records the scope on the case and in the audit", async () => {
    const id = await acceptedApplication();
    const res = await publish(t.branchSecretary, id);
    expect(res.statusCode).toBe(200);
    const to = await receivers();
    expect(to).toEqual(expect.arrayContaining([t.filerUser.id, t.chenUser.id, t.secretaryUser.id]));
    expect(to).not.toContain(neighbourUserId);
    expect(to).not.toContain(otherTownUserId);
    const event = await ctx.db.query<{ meta: Record<string, unknown> }>(
      "SELECT meta FROM case_events WHERE case_id = $1 AND kind = 'transition' ORDER BY id DESC LIMIT 1",
      [id],
    );
    expect(event.rows[0]?.meta).toMatchObject({
      transition: "publish_clarification",
      consent: true,
      scope: "own_org",
      scopeOrgId: t.branch.id,
      recipients: to.length,
    });
    const audit = await ctx.db.query<{ after: Record<string, unknown> }>(
      "SELECT after FROM audit_events WHERE action = 'case.publish_clarification' AND entity_id = $1",
      [String(id)],
    );
    expect(audit.rows[0]?.after).toMatchObject({ scope: "own_org", scopeOrgId: t.branch.id });
    // The member reads in their case what was published.
    const mine = (await call(app, t.chenCaller, "GET", `/api/cases/mine/${id}`)).json();
    expect(JSON.stringify(mine.events)).toContain(STATEMENT);
  });

  it("reaches the whole town when the town publishes to the parent org, and never the other town", async () => {
    const id = await acceptedApplication();
    const statement = `${STATEMENT}（镇党委）`;
    const res = await publish(t.discipline, id, { scope: "parent_org", statement });
    expect(res.statusCode).toBe(200);
    const to = await receivers(statement);
    expect(to).toEqual(expect.arrayContaining([t.chenUser.id, neighbourUserId]));
    expect(to).not.toContain(otherTownUserId);
  });

  it("refuses a branch secretary a scope above their branch, sending nothing", async () => {
    const id = await acceptedApplication();
    const statement = `${STATEMENT}（越级）`;
    const res = await publish(t.branchSecretary, id, { scope: "parent_org", statement });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe("scope");
    expect(await receivers(statement)).toEqual([]);
  });

  it("refuses without a statement, without a scope or with an unknown scope (400)", async () => {
    const id = await acceptedApplication();
    const noStatement = await publish(t.branchSecretary, id, { statement: undefined });
    expect(noStatement.statusCode).toBe(400);
    expect(noStatement.json().error.field).toBe("statement");
    const noScope = await publish(t.branchSecretary, id, { scope: undefined });
    expect(noScope.statusCode).toBe(400);
    expect(noScope.json().error.field).toBe("scope");
    const unknown = await publish(t.branchSecretary, id, { scope: "county" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.field).toBe("scope");
  });

  it("refuses without a session (401), a member (403) and the other town, which sees nothing (404)", async () => {
    const id = await acceptedApplication();
    const statement = `${STATEMENT}（拒绝）`;
    expect((await publish(anonymous, id, { statement })).statusCode).toBe(401);
    expect((await publish(t.filer, id, { statement })).statusCode).toBe(403);
    expect((await publish(t.siblingDiscipline, id, { statement })).statusCode).toBe(404);
    expect(await receivers(statement)).toEqual([]);
  });
});
