import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildOrg, buildUser, type TestOrg } from "../../../test/factories.ts";
import type { AppContext } from "../../platform/context.ts";
import { THROTTLE } from "./auth.policy.ts";
import { auditRows, expectError, loginAs } from "./auth.testing.ts";
import { sessionCookieOptions } from "./session-cookie.ts";

let app: FastifyInstance;
let ctx: AppContext;
let branch: TestOrg;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  const city = await buildOrg(ctx.db, { name: "中共临川市委" });
  branch = await buildOrg(ctx.db, { parent: city, name: "临川市城关镇第一党支部" });
});

describe("POST /api/auth/login", () => {
  it("signs a member in with an HttpOnly SameSite=Strict cookie and an active session", async () => {
    const user = await buildUser(ctx.db, { role: "member", at: branch });
    const { res, stage } = await loginAs(app, user.username, user.password);
    expect(res.statusCode).toBe(200);
    expect(stage).toBe("active");
    expect(res.json()).toMatchObject({ user: { id: user.id, username: user.username } });
    const cookie = res.cookies.find((c) => c.name === "wg_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
    // Plain HTTP on loopback: a Secure cookie would never come back.
    expect(cookie?.secure).toBeFalsy();
    const rows = await auditRows(ctx.db, "auth.login", user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_user_id: user.id, after: { stage: "active" } });
  });

  it("marks the cookie Secure exactly when the request came over HTTPS", () => {
    expect(sessionCookieOptions("https")).toMatchObject({ secure: true, httpOnly: true });
    expect(sessionCookieOptions("http")).toMatchObject({ secure: false, sameSite: "strict" });
  });

  it("gives the same 401 for an unknown user and a wrong password", async () => {
    const user = await buildUser(ctx.db, { role: "member", at: branch });
    const unknown = await loginAs(app, "nobody_here", "Whatever-2024");
    const wrong = await loginAs(app, user.username, "Wrong-password-1");
    const a = expectError(unknown.res, 401, "invalid_credentials");
    const b = expectError(wrong.res, 401, "invalid_credentials");
    expect(a.message).toBe(b.message);
    expect(a.message).toBe("用户名或密码错误");
    expect(unknown.res.cookies).toHaveLength(0);
    expect((await auditRows(ctx.db, "auth.login_failed", user.id))[0]?.after).toEqual({
      failedAttempts: 1,
    });
    const anon = (await auditRows(ctx.db, "auth.login_failed")).filter((r) => !r.entity_id);
    expect(anon.at(-1)?.after).toMatchObject({ username: "nobody_here", reason: "unknown_user" });
  });

  it("answers in English when the client asks for it", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "accept-language": "en-US,en;q=0.9" },
      payload: { username: "nobody_here", password: "Whatever-2024" },
    });
    expect(expectError(res, 401).message).toBe("Wrong username or password");
  });

  it("delays a guesser progressively from the 5th failure, and only that guesser", async () => {
    const user = await buildUser(ctx.db, { role: "security_admin", at: branch });
    const stranger = "203.0.113.7";
    for (let i = 1; i <= 4; i++) {
      const res = (await loginAs(app, user.username, `Wrong-pass-${i}x`, {}, stranger)).res;
      expectError(res, 401, "invalid_credentials");
    }
    const fifth = await loginAs(app, user.username, "Wrong-pass-5x", {}, stranger);
    expect(expectError(fifth.res, 429, "sign_in_delayed").message).toContain("请 30 秒后再试");
    // Even the right password waits, so the delay cannot be used to test guesses.
    expectError((await loginAs(app, user.username, user.password, {}, stranger)).res, 429);
    // The administrator at their own desk is not locked out by the stranger.
    const owner = await loginAs(app, user.username, user.password, {}, "198.51.100.20");
    expect(owner.res.statusCode).toBe(200);
    expect(await auditRows(ctx.db, "auth.sign_in_delayed", user.id)).toHaveLength(1);
    // The stranger's wait doubles with each further failure once the delay has passed.
    await ctx.db.query("UPDATE sign_in_throttle SET blocked_until = now() WHERE key = $1", [
      `pair:${user.id}:${stranger}`,
    ]);
    const sixth = await loginAs(app, user.username, "Wrong-pass-6x", {}, stranger);
    expect(expectError(sixth.res, 429, "sign_in_delayed").message).toContain("请 60 秒后再试");
  });

  it("slows a guess spread over many addresses for at most a minute, never locks", async () => {
    const user = await buildUser(ctx.db, { role: "member", at: branch });
    for (let i = 1; i <= 9; i++) {
      const res = (await loginAs(app, user.username, "Wrong-pass-1x", {}, `192.0.2.${i}`)).res;
      expectError(res, 401);
    }
    const tenth = await loginAs(app, user.username, "Wrong-pass-1x", {}, "192.0.2.10");
    expectError(tenth.res, 429, "sign_in_delayed");
    for (let i = 11; i <= 30; i++) {
      await ctx.db.query("UPDATE users SET locked_until = NULL WHERE id = $1", [user.id]);
      await loginAs(app, user.username, "Wrong-pass-1x", {}, `192.0.2.${i}`);
    }
    const wait = await ctx.db.query<{ s: number }>(
      "SELECT extract(epoch FROM locked_until - now())::float8 AS s FROM users WHERE id = $1",
      [user.id],
    );
    expect(Number(wait.rows[0]?.s)).toBeLessThanOrEqual(60);
    expect(Number(wait.rows[0]?.s)).toBeGreaterThan(50);
    // The minute passes: the right password works and forgets the count.
    await ctx.db.query("UPDATE users SET locked_until = now() WHERE id = $1", [user.id]);
    expect(
      (await loginAs(app, user.username, user.password, {}, "192.0.2.99")).res.statusCode,
    ).toBe(200);
    const row = await ctx.db.query(
      "SELECT failed_attempts, locked_until FROM users WHERE id = $1",
      [user.id],
    );
    expect(row.rows[0]).toEqual({ failed_attempts: 0, locked_until: null });
  });

  it("delays an address that guesses across accounts, unknown usernames included", async () => {
    const address = "203.0.113.50";
    for (let i = 1; i <= 19; i++) {
      const res = (await loginAs(app, `nobody_${i}`, "Wrong-pass-1x", {}, address)).res;
      expectError(res, 401, "invalid_credentials");
    }
    expectError((await loginAs(app, "nobody_20", "Wrong-pass-1x", {}, address)).res, 429);
    const user = await buildUser(ctx.db, { role: "member", at: branch });
    expectError((await loginAs(app, user.username, user.password, {}, address)).res, 429);
    expect(
      (await loginAs(app, user.username, user.password, {}, "203.0.113.51")).res.statusCode,
    ).toBe(200);
  });

  it("stops password checks for everyone past the global limit, until the minute ends", async () => {
    const user = await buildUser(ctx.db, { role: "member", at: branch });
    await ctx.db.query(
      `INSERT INTO sign_in_throttle (key, failures, last_failed_at) VALUES ('global', $1, now())
       ON CONFLICT (key) DO UPDATE SET failures = $1, last_failed_at = now()`,
      [THROTTLE.globalPerMinute - 1],
    );
    await loginAs(app, "nobody_global", "Wrong-pass-1x", {}, "198.51.100.77");
    const busy = await loginAs(app, user.username, user.password, {}, "198.51.100.78");
    expectError(busy.res, 429, "sign_in_busy");
    await ctx.db.query("DELETE FROM sign_in_throttle WHERE key = 'global'");
    expect(
      (await loginAs(app, user.username, user.password, {}, "198.51.100.78")).res.statusCode,
    ).toBe(200);
  });

  it("counts only consecutive failures: a success resets the count", async () => {
    const user = await buildUser(ctx.db, { role: "member", at: branch });
    const desk = "198.51.100.31";
    for (let i = 0; i < 4; i++) await loginAs(app, user.username, "Wrong-pass-1x", {}, desk);
    expect((await loginAs(app, user.username, user.password, {}, desk)).res.statusCode).toBe(200);
    for (let i = 0; i < 4; i++) {
      expectError((await loginAs(app, user.username, "Wrong-pass-1x", {}, desk)).res, 401);
    }
  });

  it("refuses a disabled account only after the right password, with its own message", async () => {
    const user = await buildUser(ctx.db, { role: "member", at: branch });
    await ctx.db.query("UPDATE users SET disabled_at = now() WHERE id = $1", [user.id]);
    expectError(
      (await loginAs(app, user.username, "Wrong-pass-1x")).res,
      401,
      "invalid_credentials",
    );
    expectError((await loginAs(app, user.username, user.password)).res, 401, "account_disabled");
    expect(await auditRows(ctx.db, "auth.login_refused_disabled", user.id)).toHaveLength(1);
  });

  it("starts at password_change when the password must be changed", async () => {
    const user = await buildUser(ctx.db, {
      role: "secretary",
      at: branch,
      mustChangePassword: true,
    });
    const { stage, headers } = await loginAs(app, user.username, user.password);
    expect(stage).toBe("password_change");
    const blocked = await app.inject({ method: "GET", url: "/api/users", headers });
    expectError(blocked, 403, "stage_password_change");
  });

  it("sends administrators to TOTP enrolment, or to TOTP once enrolled", async () => {
    const admin = await buildUser(ctx.db, { role: "audit_admin", at: branch });
    expect((await loginAs(app, admin.username, admin.password)).stage).toBe("totp_enrol");
    await ctx.db.query(
      "UPDATE users SET totp_secret_enc = $2, totp_enabled_at = now() WHERE id = $1",
      [admin.id, ctx.cipher.encrypt("JBSWY3DPEHPK3PXP")],
    );
    expect((await loginAs(app, admin.username, admin.password)).stage).toBe("totp");
  });

  it("treats an administrator whose grant has ended as a non-administrator", async () => {
    const former = await buildUser(ctx.db, { role: "system_admin", at: branch });
    await ctx.db.query(
      `UPDATE role_grants SET starts_on = cn_today() - 30, ends_on = cn_today() - 1
        WHERE user_id = $1`,
      [former.id],
    );
    expect((await loginAs(app, former.username, former.password)).stage).toBe("active");
  });

  it("ends the browser's earlier session when signing in again", async () => {
    const user = await buildUser(ctx.db, { role: "member", at: branch });
    const first = await loginAs(app, user.username, user.password);
    const second = await loginAs(app, user.username, user.password, {
      cookie: first.headers.cookie ?? "",
    });
    expect(second.res.statusCode).toBe(200);
    const stale = await app.inject({
      method: "GET",
      url: "/api/auth/session",
      headers: first.headers,
    });
    expectError(stale, 401);
  });
});
