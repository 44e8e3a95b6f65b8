import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { call } from "../../orgs/orgs.fixtures.ts";
import { type CasesTree, casesTree } from "../cases.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CasesTree;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await casesTree(ctx);
});

const application = (extra: Record<string, unknown> = {}) => ({
  kind: "cyber_violence",
  happenedOn: "2026-11-18",
  description: "在微博驳斥抹黑英雄的帖子后，连续三天收到辱骂私信，个人电话被公开在评论区。",
  links: ["https://weibo.com/u/5566/status/1"],
  request: "请组织协调网信部门处置，并在支部内澄清不实说法。",
  ...extra,
});

describe("protection and 澄清正名 (Art 24)", () => {
  it("a member applies; the branch secretary clears their name, only with consent recorded", async () => {
    const res = await call(app, t.chenCaller, "POST", "/api/cases/protection", application());
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    expect(res.json().number).toMatch(/^BH-\d{4}-\d{6}$/);
    const step = (name: string, body: object) =>
      call(app, t.branchSecretary, "POST", `/api/cases/${id}/transitions/${name}`, body);
    expect((await step("accept", {})).statusCode).toBe(200);
    const noConsent = await step("publish_clarification", { note: "在支部群发布澄清说明" });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().error.field).toBe("consent");
    expect(
      (
        await step("publish_clarification", {
          note: "在支部群发布澄清说明",
          consent: true,
          statement: "经支部核实，网上关于陈晓明同志的不实说法没有事实依据，特此澄清。",
          scope: "own_org",
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await step("close", { outcome: "clarified", feedback: "已在支部范围澄清正名。" }))
        .statusCode,
    ).toBe(200);
    const mine = (await call(app, t.chenCaller, "GET", `/api/cases/mine/${id}`)).json();
    expect(mine.outcomeLabel).toBe("已澄清正名");
    expect(JSON.stringify(mine.events)).not.toContain("在支部群发布澄清说明");
  });

  it("a secretary applies for a member of their branch, and nobody for a member elsewhere", async () => {
    const forChen = await call(
      app,
      t.branchSecretary,
      "POST",
      "/api/cases/protection",
      application({ memberId: t.chen.id }),
    );
    expect(forChen.statusCode).toBe(201);
    const elsewhere = await call(
      app,
      t.filer,
      "POST",
      "/api/cases/protection",
      application({ memberId: t.zhao.id }),
    );
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().error.field).toBe("memberId");
    // The town's discipline officer, above the branch, handles what the secretary filed.
    const list = (await call(app, t.discipline, "GET", "/api/cases?type=protection")).json();
    expect(list.items.map((c: { id: number }) => c.id)).toContain(forChen.json().id);
  });

  it("sends a secretary's own application one level up, where their branch's deputies are not asked", async () => {
    const res = await call(app, t.branchSecretary, "POST", "/api/cases/protection", application());
    expect(res.statusCode).toBe(201);
    const detail = (await call(app, t.discipline, "GET", `/api/cases/${res.json().id}`)).json();
    expect(detail.orgName).toBe(t.town.name);
    expect(detail.subject.name).toBe("赵德胜");
  });
});
