import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildOrg, buildUser, signIn, type TestOrg } from "../../../test/factories.ts";
import type { AppContext } from "../../platform/context.ts";
import { auditRows, expectError, loginAs } from "./auth.testing.ts";

let app: FastifyInstance;
let ctx: AppContext;
let branch: TestOrg;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  const county = await buildOrg(ctx.db, { name: "中共永丰县委" });
  branch = await buildOrg(ctx.db, { parent: county, name: "永丰县佐龙乡机关党支部" });
});

function change(headers: Record<string, string>, currentPassword: string, newPassword: string) {
  return app.inject({
    method: "POST",
    url: "/api/auth/password",
    headers,
    payload: { currentPassword, newPassword },
  });
}

describe("POST /api/auth/password: policy", () => {
  it.each([
    ["too short", "Ab1!xyz"],
    ["ten characters of two classes", "dangjian2024"],
    ["long but one class", "zhongguogongchandang"],
    ["upper and digits only", "ABCDEFGH1234"],
  ])("refuses a password that is %s", async (_why, weak) => {
    const user = await buildUser(ctx.db, { role: "member", at: branch });
    const { headers } = await signIn(ctx.db, user);
    const error = expectError(await change(headers, user.password, weak), 400, "weak_password");
    expect(error).toMatchObject({ field: "newPassword" });
    expect(error.message).toContain("至少 10 位");
  });

  it.each([
    ["upper, lower, digits", "Qingshan2024Hexi"],
    ["lower, digits, symbols", "wangui-2024-ok"],
    ["upper, lower, symbols", "Wang-Gui-Xue-Xi"],
  ])("accepts ten or more characters of three classes: %s", async (_why, strong) => {
    const user = await buildUser(ctx.db, { role: "member", at: branch });
    const { headers } = await signIn(ctx.db, user);
    expect((await change(headers, user.password, strong)).statusCode).toBe(200);
  });

  it.each([
    ["a common word and digits", "Password123", "常见"],
    ["a common word in l33t spelling", "P@ssw0rd!2024", "常见"],
    ["a pinyin favourite", "Woaini1314!", "常见"],
    ["a keyboard walk", "1qaz@WSX3edc", "常见"],
    ["mostly spaces", "A1a!      b", "空格不计"],
    ["one character repeated", "aaaaaaaaA1!", "重复"],
    ["digits with two letters", "Ab12345678!", "常见"],
  ])("refuses a password that is %s", async (_why, weak, says) => {
    const user = await buildUser(ctx.db, { role: "member", at: branch });
    const { headers } = await signIn(ctx.db, user);
    const error = expectError(await change(headers, user.password, weak), 400, "weak_password");
    expect(error).toMatchObject({ field: "newPassword" });
    expect(error.message).toContain(says);
  });

  it("refuses a password that contains the username", async () => {
    const user = await buildUser(ctx.db, { role: "member", at: branch });
    const { headers } = await signIn(ctx.db, user);
    const res = await change(headers, user.password, `${user.username.toUpperCase()}#Hexi!`);
    expect(expectError(res, 400, "weak_password").message).toContain("用户名");
  });

  it("refuses the current password as the new one", async () => {
    const user = await buildUser(ctx.db, { role: "member", at: branch });
    const { headers } = await signIn(ctx.db, user);
    const res = await change(headers, user.password, user.password);
    expect(expectError(res, 400, "password_reused")).toMatchObject({ field: "newPassword" });
  });

  it("refuses a wrong current password and counts it toward the lockout", async () => {
    const user = await buildUser(ctx.db, { role: "member", at: branch });
    const { headers } = await signIn(ctx.db, user);
    for (let i = 1; i <= 4; i++) {
      const res = await change(headers, "Not-my-password-1", "Qingshan#Hexi24");
      expect(expectError(res, 400, "wrong_password")).toMatchObject({ field: "currentPassword" });
    }
    expectError(
      await change(headers, "Not-my-password-1", "Qingshan#Hexi24"),
      429,
      "sign_in_delayed",
    );
    expectError(await change(headers, user.password, "Qingshan#Hexi24"), 429, "sign_in_delayed");
    expect(await auditRows(ctx.db, "auth.password_change_failed", user.id)).toHaveLength(5);
  });

  it("is 401 without a session", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/password",
      payload: { currentPassword: "Wanggui-2024-test", newPassword: "Dangjian2024!" },
    });
    expectError(res, 401);
  });
});

describe("must-change-password flow", () => {
  it("keeps a new member at password_change until the password is changed", async () => {
    const user = await buildUser(ctx.db, { role: "member", at: branch, mustChangePassword: true });
    const { headers, stage } = await loginAs(app, user.username, user.password);
    expect(stage).toBe("password_change");
    expectError(
      await app.inject({ method: "GET", url: "/api/users", headers }),
      403,
      "stage_password_change",
    );

    const res = await change(headers, user.password, "Qingshan-Hexi-88");
    expect(res.json()).toEqual({ stage: "active" });
    // Past the stage gate: what remains is the member's lack of permission.
    expectError(await app.inject({ method: "GET", url: "/api/users", headers }), 403, "forbidden");

    const row = await ctx.db.query("SELECT must_change_password FROM users WHERE id = $1", [
      user.id,
    ]);
    expect(row.rows[0]?.must_change_password).toBe(false);
    expectError((await loginAs(app, user.username, user.password)).res, 401);
    expect((await loginAs(app, user.username, "Qingshan-Hexi-88")).stage).toBe("active");
    const audit = await auditRows(ctx.db, "auth.password_changed", user.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: user.id, after: { stage: "active" } });
  });

  it("sends an administrator on to TOTP enrolment after the password", async () => {
    const admin = await buildUser(ctx.db, {
      role: "security_admin",
      at: branch,
      mustChangePassword: true,
    });
    const { headers } = await loginAs(app, admin.username, admin.password);
    const res = await change(headers, admin.password, "Anquan-Guanli-2024");
    expect(res.json()).toEqual({ stage: "totp_enrol" });
    expectError(
      await app.inject({ method: "GET", url: "/api/users", headers }),
      403,
      "stage_totp_enrol",
    );
  });

  it("ends the user's other sessions but keeps this one", async () => {
    const user = await buildUser(ctx.db, { role: "member", at: branch });
    const here = await loginAs(app, user.username, user.password);
    const elsewhere = await loginAs(app, user.username, user.password);
    expect((await change(here.headers, user.password, "Hongse-Jiyin-2024")).statusCode).toBe(200);
    const other = await app.inject({
      method: "GET",
      url: "/api/auth/session",
      headers: elsewhere.headers,
    });
    expectError(other, 401);
    const mine = await app.inject({
      method: "GET",
      url: "/api/auth/session",
      headers: here.headers,
    });
    expect(mine.statusCode).toBe(200);
    const audit = await auditRows(ctx.db, "auth.password_changed", user.id);
    expect(audit[0]?.after).toMatchObject({ endedSessions: 1 });
  });

  it("does not let a password alone change the password while TOTP is owed", async () => {
    const admin = await buildUser(ctx.db, { role: "system_admin", at: branch });
    await ctx.db.query(
      "UPDATE users SET totp_secret_enc = $2, totp_enabled_at = now() WHERE id = $1",
      [admin.id, ctx.cipher.encrypt("JBSWY3DPEHPK3PXP")],
    );
    const { headers, stage } = await loginAs(app, admin.username, admin.password);
    expect(stage).toBe("totp");
    expectError(await change(headers, admin.password, "Xitong-Guanli-2024"), 409, "stage_totp");
  });
});
