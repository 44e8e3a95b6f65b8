// Bodies the registry schemas accept, from every kind of caller, through the module's write
// routes: never a 5xx, and a refusal writes nothing.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  appWithWriteRoutes,
  describeWriteRoutes,
  mostly,
  routeName,
  type ValidBodyPlan,
} from "../../../test/valid-bodies.ts";
import { call } from "../orgs/orgs.fixtures.ts";
import { registryTree, weibo } from "./registry.fixtures.ts";

const { app, ctx, routes } = await appWithWriteRoutes();
const t = await registryTree(ctx);
const account = (await call(app, t.cadreCaller, "POST", "/api/registry/accounts", weibo)).json();
const other = (await call(app, t.otherCadreCaller, "POST", "/api/registry/accounts", weibo)).json();
const unknown = 987_654;
const inDays = (n: number) =>
  new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
const campaign = (
  await call(app, t.secretary, "POST", "/api/registry/declaration-campaigns", {
    orgId: t.town.id,
    kind: "ad_hoc",
    title: "专项报告",
    periodFrom: "2026-01-01",
    periodTo: "2026-06-30",
    dueOn: inDays(7),
  })
).json();
const declaration = (
  await call(
    app,
    t.cadreCaller,
    "POST",
    `/api/registry/declaration-campaigns/${campaign.id}/declarations`,
    {
      assetsNone: true,
      activitiesNone: true,
    },
  )
).json();

const plan: ValidBodyPlan = {
  app,
  db: ctx.db,
  callers: mostly(t.cadreCaller, t.secretary, t.member, t.siblingSecretary, t.otherCadreCaller),
  hints: {
    orgId: fc.constantFrom(t.town.id, t.branch.id, t.otherTown.id, unknown),
    year: fc.integer({ min: 2000, max: 2100 }),
    link: fc.constantFrom("https://weibo.com/u/5512345678", "http://mp.weixin.qq.com/s/a1B2"),
    since: fc.constantFrom("2019-03-01", "2999-01-01"),
  },
  params: (route) => ({
    id: route.url.includes("/declaration-campaigns/")
      ? fc.constantFrom(campaign.id, unknown)
      : route.url.includes("/declarations/")
        ? fc.constantFrom(declaration.id, unknown)
        : fc.constantFrom(account.id, other.id, unknown),
  }),
};

// Signing is left out: a wrong password is a refusal that must write (the failure counts
// toward the sign-in delay and is audited), tested on its own in attestation.test.ts.
const writes = routes.filter((r) => r.url.startsWith("/api/registry/") && !r.url.endsWith("/sign"));

describe("the registry's write routes", () => {
  it("are all walked here", () => {
    expect(writes.map(routeName).sort()).toEqual([
      "POST /api/registry/accounts",
      "POST /api/registry/accounts/:id/versions",
      "POST /api/registry/campaigns",
      "POST /api/registry/declaration-campaigns",
      "POST /api/registry/declaration-campaigns/:id/declarations",
      "POST /api/registry/declarations/:id/findings",
    ]);
  });
});

describeWriteRoutes(writes, () => plan);
