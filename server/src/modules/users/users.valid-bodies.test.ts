// Issue 15: bodies the account schemas accept, from administrators of the same and of a sibling
// county, a secretary and a member, through every write route of users, auth's consent and
// the notifications: never a 5xx, and a refusal writes nothing.
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
import { PI_NOTICE_VERSION } from "../auth/auth.policy.ts";
import { buildCityTree } from "./users.testing.ts";

const { app, ctx, routes } = await appWithWriteRoutes();
const t = await buildCityTree(ctx);
const newcomer = await buildMember(ctx.db, { org: t.branchA, name: "邓丽华" });
const grants = await ctx.db.query<{ id: number }>("SELECT id FROM role_grants");

const unknown = 987_654;
const users = fc.constantFrom(t.member.id, t.secretary.id, t.adminB.id, t.cityAdmin.id, unknown);
const orgIds = fc.constantFrom(t.branchA.id, t.countyA.id, t.branchB.id, t.city.id, unknown);

const plan: ValidBodyPlan = {
  app,
  db: ctx.db,
  callers: mostly(t.adminA, t.cityAdmin, t.adminB, t.secretary, t.member),
  hints: {
    orgId: orgIds,
    memberId: fc.constantFrom(newcomer.id, unknown),
    memberIds: fc.constantFrom(newcomer.id, unknown),
    userId: users,
    version: fc.constant(PI_NOTICE_VERSION),
    role: fc.constantFrom("member", "secretary", "propaganda_officer", "audit_admin"),
  },
  params: () => ({ id: users, grantId: fc.constantFrom(...grants.rows.map((g) => g.id), unknown) }),
};

// Signing in, out and the password change end or replace the callers' own sessions: their
// bodies are walked in auth.fuzz.test.ts and login.test.ts.
const OWN_SESSION = /^\/api\/auth\/(login|logout|password|totp)/;
const writes = routes.filter(
  (r) =>
    /^\/api\/(users|member-accounts|auth|notifications)\b/.test(r.url) && !OWN_SESSION.test(r.url),
);

describe("the users, consent and notification write routes", () => {
  it("are all walked here", () => {
    const names = writes.map(routeName);
    for (const name of ["POST /api/users/:id/reset-password", "POST /api/member-accounts"]) {
      expect(names).toContain(name);
    }
  });
});

describeWriteRoutes(writes, () => plan);
