import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildMember, buildOrg, buildUser, signIn, type TestOrg } from "../../../test/factories.ts";
import { digestToken } from "../../platform/auth/sessions.ts";
import type { AppContext } from "../../platform/context.ts";
import { PI_NOTICE_VERSION } from "./auth.policy.ts";
import { auditRows, expectError, loginAs } from "./auth.testing.ts";

let app: FastifyInstance;
let ctx: AppContext;
let branch: TestOrg;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  const committee = await buildOrg(ctx.db, { name: "中共青山区委" });
  branch = await buildOrg(ctx.db, { parent: committee, name: "青山区教育局机关党支部" });
});

const tokenOf = (headers: Record<string, string>) => (headers.cookie ?? "").split("=")[1] ?? "";

describe("session timeouts", () => {
  it("ends a session idle for 30 minutes", async () => {
    const user = await buildUser(ctx.db, { role: "member", at: branch });
    const { headers } = await loginAs(app, user.username, user.password);
    await ctx.db.query(
      "UPDATE sessions SET last_seen_at = now() - interval '29 minutes' WHERE token_digest = $1",
      [digestToken(tokenOf(headers))],
    );
    const fine = await app.inject({ method: "GET", url: "/api/auth/session", headers });
    expect(fine.statusCode).toBe(200);
    await ctx.db.query(
      "UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE token_digest = $1",
      [digestToken(tokenOf(headers))],
    );
    const idle = await app.inject({ method: "GET", url: "/api/auth/session", headers });
    expect(expectError(idle, 401, "session_idle").message).toContain("长时间未操作");
    // Once ended it stays ended, even if someone freshens the timestamp.
    await ctx.db.query("UPDATE sessions SET last_seen_at = now() WHERE token_digest = $1", [
      digestToken(tokenOf(headers)),
    ]);
    expectError(await app.inject({ method: "GET", url: "/api/auth/session", headers }), 401);
  });

  it("ends a session at its 12-hour absolute limit however active it is", async () => {
    const user = await buildUser(ctx.db, { role: "member", at: branch });
    const { headers } = await loginAs(app, user.username, user.password);
    const expiry = await ctx.db.query<{ hours: number }>(
      `SELECT extract(epoch FROM expires_at - created_at) / 3600 AS hours FROM sessions
        WHERE token_digest = $1`,
      [digestToken(tokenOf(headers))],
    );
    expect(Number(expiry.rows[0]?.hours)).toBeCloseTo(12, 3);
    await ctx.db.query(
      "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_digest = $1",
      [digestToken(tokenOf(headers))],
    );
    const res = await app.inject({ method: "GET", url: "/api/auth/session", headers });
    expectError(res, 401, "session_expired");
  });
});

describe("CSRF", () => {
  it("refuses a write without the token or with a wrong one, and accepts the right one", async () => {
    const user = await buildUser(ctx.db, { role: "member", at: branch });
    const { headers } = await loginAs(app, user.username, user.password);
    const body = { version: PI_NOTICE_VERSION };
    const none = await app.inject({
      method: "POST",
      url: "/api/auth/consent",
      headers: { cookie: headers.cookie ?? "" },
      payload: body,
    });
    expectError(none, 403, "csrf");
    const wrong = await app.inject({
      method: "POST",
      url: "/api/auth/consent",
      headers: { ...headers, "x-csrf-token": "forged-token-from-another-site" },
      payload: body,
    });
    expectError(wrong, 403, "csrf");
    expect(await auditRows(ctx.db, "auth.pi_consent", user.id)).toHaveLength(0);
    const right = await app.inject({
      method: "POST",
      url: "/api/auth/consent",
      headers,
      payload: body,
    });
    expect(right.statusCode).toBe(200);
  });
});

describe("GET /api/auth/session", () => {
  it("describes the user, grants, permissions, consent and timeouts", async () => {
    const member = await buildMember(ctx.db, { org: branch, name: "周卫东" });
    const secretary = await buildUser(ctx.db, {
      role: "secretary",
      at: branch,
      member,
      piConsentVersion: "2019-01",
    });
    const { headers } = await loginAs(app, secretary.username, secretary.password);
    const res = await app.inject({ method: "GET", url: "/api/auth/session", headers });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      user: { id: secretary.id, displayName: "周卫东", memberId: member.id },
      stage: "active",
      csrfToken: headers["x-csrf-token"],
      grants: [{ role: "secretary", orgId: branch.id, orgName: "青山区教育局机关党支部" }],
      piConsentRequired: true,
      piNoticeVersion: PI_NOTICE_VERSION,
      idleTimeoutSeconds: 1800,
      mustChangePassword: false,
      totpEnabled: false,
    });
    expect(body.permissions).toContain("members:write");
    expect(body.permissions).not.toContain("users:write");
    expect(new Date(body.expiresAt).getTime() - Date.now()).toBeGreaterThan(11.9 * 3600_000);
  });

  it("is 401 without a session", async () => {
    expectError(await app.inject({ method: "GET", url: "/api/auth/session" }), 401, "unauthorized");
  });
});

describe("POST /api/auth/consent", () => {
  it("records consent to the current notice version with its audit row", async () => {
    const user = await buildUser(ctx.db, {
      role: "member",
      at: branch,
      piConsentVersion: "2019-01",
    });
    const { headers } = await signIn(ctx.db, user);
    const stale = await app.inject({
      method: "POST",
      url: "/api/auth/consent",
      headers,
      payload: { version: "2019-01" },
    });
    expect(expectError(stale, 400, "stale_notice")).toMatchObject({ field: "version" });
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/consent",
      headers,
      payload: { version: PI_NOTICE_VERSION },
    });
    expect(res.json()).toMatchObject({ piConsentVersion: PI_NOTICE_VERSION });
    const session = await app.inject({ method: "GET", url: "/api/auth/session", headers });
    expect(session.json().piConsentRequired).toBe(false);
    const rows = await auditRows(ctx.db, "auth.pi_consent", user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      before: { version: "2019-01" },
      after: { version: PI_NOTICE_VERSION },
    });
  });

  it("is 401 without a session", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/consent",
      payload: { version: PI_NOTICE_VERSION },
    });
    expectError(res, 401);
  });
});

describe("POST /api/auth/logout", () => {
  it("ends the session, clears the cookie and writes the audit row", async () => {
    const user = await buildUser(ctx.db, { role: "member", at: branch });
    const { headers } = await loginAs(app, user.username, user.password);
    const res = await app.inject({ method: "POST", url: "/api/auth/logout", headers });
    expect(res.statusCode).toBe(200);
    const cleared = res.cookies.find((c) => c.name === "wg_session");
    expect(cleared?.value).toBe("");
    expectError(await app.inject({ method: "GET", url: "/api/auth/session", headers }), 401);
    expect(await auditRows(ctx.db, "auth.logout", user.id)).toHaveLength(1);
  });

  it("is 401 without a session and 403 without the CSRF token", async () => {
    expectError(await app.inject({ method: "POST", url: "/api/auth/logout" }), 401);
    const user = await buildUser(ctx.db, { role: "member", at: branch });
    const { headers } = await signIn(ctx.db, user);
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { cookie: headers.cookie ?? "" },
    });
    expectError(res, 403, "csrf");
  });
});
