import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { type Caller, call } from "../../orgs/orgs.fixtures.ts";
import { type CasesTree, casesTree } from "../cases.fixtures.ts";
import { daysPass, decision, FACTS, openCase, provisionIds } from "./discipline.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CasesTree;

const post = (who: Caller, url: string, body: object = {}) => call(app, who, "POST", url, body);

/** A case on `memberId` decided with `measure` under `articles`, without a defence. */
async function decided(memberId: number, articles: number[], measure: string) {
  const c = await openCase(app, t.branchSecretary, memberId, {
    provisionIds: await provisionIds(app, t.branchSecretary, articles),
  });
  await post(t.branchSecretary, `/api/discipline/${c.id}/notice`, { facts: FACTS, defenceDays: 3 });
  await daysPass(ctx, c.id, 4);
  const ids = await provisionIds(app, t.branchSecretary, articles);
  const res = await post(
    t.branchSecretary,
    `/api/discipline/${c.id}/decision`,
    decision(ids, { measure }),
  );
  expect(res.statusCode).toBe(200);
}

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await casesTree(ctx);
  await decided(t.liu.id, [10], "warning");
  await decided(t.chen.id, [10, 12], "criticism");
  const dismissed = await openCase(app, t.branchSecretary, t.chen.id, {
    provisionIds: await provisionIds(app, t.branchSecretary, [15]),
  });
  await post(t.branchSecretary, `/api/discipline/${dismissed.id}/dismiss`, {
    reasons: "经查，反映问题不属实。",
  });
  await openCase(app, t.branchSecretary, t.liu.id);
});

describe("discipline statistics", () => {
  it("counts per org and per article which provisions were breached and with which measures", async () => {
    const res = await call(app, t.discipline, "GET", "/api/discipline/stats");
    expect(res.statusCode).toBe(200);
    const stats = res.json();
    expect(stats.byOrg).toEqual([
      {
        orgId: t.branch.id,
        orgName: expect.stringContaining("第一党支部"),
        opened: 4,
        decided: 2,
        dismissed: 1,
        open: 3,
        measures: { warning: 1, criticism: 1 },
      },
    ]);
    const article = (n: number) => stats.byArticle.find((a: { number: number }) => a.number === n);
    expect(article(10)).toMatchObject({
      label: "第十条",
      cited: 3,
      applied: 2,
      measures: { warning: 1, criticism: 1 },
    });
    expect(article(12)).toMatchObject({ cited: 1, applied: 1, measures: { criticism: 1 } });
    expect(article(15)).toMatchObject({ cited: 1, applied: 0, measures: {} });
    expect(stats.measures.map((m: { label: string }) => m.label)).toContain("留党察看");
  });

  it("shows a sibling subtree nothing, and a member no statistics at all", async () => {
    const sibling = (await call(app, t.siblingDiscipline, "GET", "/api/discipline/stats")).json();
    expect(sibling.byOrg).toEqual([]);
    expect(sibling.byArticle).toEqual([]);
    expect((await call(app, t.filer, "GET", "/api/discipline/stats")).statusCode).toBe(403);
  });

  it("narrows to cases opened within the dates", async () => {
    const later = (
      await call(app, t.discipline, "GET", "/api/discipline/stats?from=2099-01-01")
    ).json();
    expect(later.byOrg).toEqual([]);
  });
});
