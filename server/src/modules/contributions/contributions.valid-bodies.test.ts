// Bodies the contributions schemas accept, from every kind of caller, through the module's
// write routes: never a 5xx, and a refusal writes nothing.
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
import { article, contributionsTree } from "./contributions.fixtures.ts";

const { app, ctx, routes } = await appWithWriteRoutes();
const t = await contributionsTree(ctx);
const mine = (await call(app, t.writerCaller, "POST", "/api/contributions", article)).json();
const accepted = (await call(app, t.writerCaller, "POST", "/api/contributions", article)).json();
await call(app, t.propaganda, "POST", `/api/contributions/${accepted.id}/accept`);
const other = (await call(app, t.otherWriterCaller, "POST", "/api/contributions", article)).json();
const commendation = (
  await call(app, t.propaganda, "POST", "/api/commendations", {
    memberId: t.writer.id,
    contributionIds: [accepted.id],
    title: "网络正能量传播先进个人",
    level: "branch",
    reason: "作品被采用，传播效果好。",
  })
).json();
const unknown = 987_654;

const plan: ValidBodyPlan = {
  app,
  db: ctx.db,
  callers: mostly(
    t.writerCaller,
    t.propaganda,
    t.secretary,
    t.deputy,
    t.siblingSecretary,
    t.member,
  ),
  hints: {
    memberId: fc.constantFrom(t.writer.id, t.otherWriter.id, unknown),
    contributionIds: fc.constantFrom([accepted.id], [mine.id], [other.id, accepted.id], [unknown]),
    link: fc.constantFrom("https://mp.weixin.qq.com/s/a1B2", "http://weibo.com/u/12345"),
    publishedOn: fc.constantFrom("2026-10-01", "2999-01-01"),
    approvedOn: fc.constantFrom("2026-11-01", "2999-01-01"),
  },
  params: (route) => ({
    id: route.url.startsWith("/api/commendations")
      ? fc.constantFrom(commendation.id, unknown)
      : fc.constantFrom(mine.id, accepted.id, other.id, unknown),
  }),
};

const writes = routes.filter(
  (r) => r.url.startsWith("/api/contributions") || r.url.startsWith("/api/commendations"),
);

describe("the contributions module's write routes", () => {
  it("are all walked here", () => {
    expect(writes.map(routeName).sort()).toEqual([
      "POST /api/commendations",
      "POST /api/commendations/:id/approve",
      "POST /api/commendations/:id/decline",
      "POST /api/contributions",
      "POST /api/contributions/:id/accept",
      "POST /api/contributions/:id/return",
      "POST /api/contributions/:id/withdraw",
      "PUT /api/contributions/:id",
    ]);
  });
});

describeWriteRoutes(writes, () => plan);
