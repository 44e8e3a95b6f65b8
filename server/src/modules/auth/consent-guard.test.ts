// Issue 15: consent to the personal-information notice was enforced only in the browser; the
// API served a member list and a phone reveal to a user who had not consented.
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildMember, buildOrg, buildUser, signIn, type TestOrg } from "../../../test/factories.ts";
import type { AppContext } from "../../platform/context.ts";
import { PI_NOTICE_VERSION } from "./auth.policy.ts";
import { auditRows, expectError } from "./auth.testing.ts";

let app: FastifyInstance;
let ctx: AppContext;
let branch: TestOrg;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  const committee = await buildOrg(ctx.db, { name: "中共青山市河西区委" });
  branch = await buildOrg(ctx.db, { parent: committee, name: "城关街道幸福社区党支部" });
});

/** Routes that are part of signing in, which a user must reach before consenting. */
const SIGN_IN_ROUTES = /^\/api\/(auth\/|health$)/;

describe("the consent guard", () => {
  it("refuses the member list and a phone reveal to a secretary who has not consented", async () => {
    const member = await buildMember(ctx.db, { org: branch, name: "陈海燕" });
    for (const version of [null, "2019-01"]) {
      const secretary = await buildUser(ctx.db, {
        role: "secretary",
        at: branch,
        piConsentVersion: version,
      });
      const { headers } = await signIn(ctx.db, secretary);
      const list = await app.inject({ method: "GET", url: "/api/members", headers });
      expect(expectError(list, 403, "consent_required").message).toContain("个人信息处理告知");
      expect(list.body).not.toContain("陈海燕");
      const reveal = await app.inject({
        method: "POST",
        url: `/api/members/${member.id}/reveal`,
        headers,
        payload: { field: "phone" },
      });
      expectError(reveal, 403, "consent_required");
      expect(reveal.body).not.toContain(member.phone);
      expect(await auditRows(ctx.db, "member.reveal", member.id)).toHaveLength(0);

      // Consenting opens the same routes in the same session.
      const consent = await app.inject({
        method: "POST",
        url: "/api/auth/consent",
        headers,
        payload: { version: PI_NOTICE_VERSION },
      });
      expect(consent.statusCode).toBe(200);
      const after = await app.inject({ method: "GET", url: "/api/members", headers });
      expect(after.statusCode).toBe(200);
      expect(after.body).toContain("陈海燕");
    }
  });

  it("covers every route outside sign-in, whatever the method, path or body", async () => {
    const user = await buildUser(ctx.db, { role: "secretary", at: branch, piConsentVersion: null });
    const { headers } = await signIn(ctx.db, user);
    const doc = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (SIGN_IN_ROUTES.test(path)) continue;
      const url = path.replace(/\{[^}]+\}/g, "1");
      for (const method of Object.keys(methods)) {
        const upper = method.toUpperCase() as "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
        const res = await app.inject({
          method: upper,
          url,
          headers,
          ...(upper === "GET" ? {} : { payload: {} }),
        });
        expect(
          { route: `${upper} ${path}`, status: res.statusCode, code: res.json().error?.code },
          res.body,
        ).toEqual({ route: `${upper} ${path}`, status: 403, code: "consent_required" });
        checked++;
      }
    }
    // The member, roster, study, review and users modules together have far more than this.
    expect(checked).toBeGreaterThan(60);
  });

  it("still lets an unconsented user through the sign-in routes", async () => {
    const user = await buildUser(ctx.db, { role: "member", at: branch, piConsentVersion: null });
    const { headers } = await signIn(ctx.db, user);
    const session = await app.inject({ method: "GET", url: "/api/auth/session", headers });
    expect(session.json()).toMatchObject({ piConsentRequired: true });
  });
});
