// Issue 15: bodies the member and org schemas accept, from every kind of caller, through every
// write route of both modules (and the roster's JSON ones): never a 5xx, and a refusal writes
// nothing.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildMember } from "../../../test/factories.ts";
import {
  appWithWriteRoutes,
  describeWriteRoutes,
  mostly,
  routeName,
  type ValidBodyPlan,
} from "../../../test/valid-bodies.ts";
import { countyTree } from "../orgs/orgs.fixtures.ts";
import { idNumberFor } from "./members.fixtures.ts";

const { app, ctx, routes } = await appWithWriteRoutes();
const t = await countyTree(ctx);
const members = await Promise.all(
  ["刘海燕", "陈晓明", "赵德胜"].map((name) => buildMember(ctx.db, { org: t.branch, name })),
);
const stranger = await buildMember(ctx.db, { org: t.otherBranch, name: "孙文博" });

const unknown = 987_654;
const orgIds = fc.constantFrom(t.town.id, t.branch.id, t.otherTown.id, t.otherBranch.id, unknown);
const memberIds = fc.constantFrom(...members.map((m) => m.id), stranger.id, t.self.id, unknown);

const plan: ValidBodyPlan = {
  app,
  db: ctx.db,
  callers: mostly(t.secretary, t.admin, t.member, t.propaganda, t.siblingSecretary),
  hints: {
    orgId: orgIds,
    toOrgId: orgIds,
    parentId: orgIds,
    newParentId: orgIds,
    memberIds,
    birthDate: fc.constantFrom("1978-03-15", "1990-11-02", "2003-01-31"),
    joinedOn: fc.constantFrom("2001-07-01", "2015-06-30"),
    confirmedOn: fc.constantFrom("2002-07-01", "2016-06-30"),
  },
  params: (route) => ({ id: route.url.startsWith("/api/orgs") ? orgIds : memberIds }),
  // An ID number matches its holder's birth date and gender, or the use case never runs.
  adjust: (body) => {
    if (
      typeof body.birthDate === "string" &&
      (body.gender === "male" || body.gender === "female")
    ) {
      body.idNumber = idNumberFor(body.birthDate, body.gender);
    }
  },
};

const writes = routes.filter((r) => /^\/api\/(members|orgs|roster)\b/.test(r.url));

describe("the members, orgs and roster write routes", () => {
  it("are all walked here", () => {
    const names = writes.map(routeName);
    for (const name of [
      "POST /api/members",
      "POST /api/orgs/:id/move",
      "POST /api/members/:id/reveal",
    ]) {
      expect(names).toContain(name);
    }
  });
});

describeWriteRoutes(writes, () => plan);
