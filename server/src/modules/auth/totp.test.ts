import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import {
  buildOrg,
  buildUser,
  signIn,
  type TestOrg,
  type TestUser,
} from "../../../test/factories.ts";
import type { AppContext } from "../../platform/context.ts";
import { auditRows, expectError, loginAs, nextCode, totpOf } from "./auth.testing.ts";

let app: FastifyInstance;
let ctx: AppContext;
let org: TestOrg;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  org = await buildOrg(ctx.db, { name: "中共南湖区委" });
});

const post = (url: string, headers: Record<string, string>, payload?: object) =>
  app.inject({ method: "POST", url, headers, ...(payload ? { payload } : {}) });

/** A six-digit code valid for none of the steps the server accepts now. */
function wrongCodeFor(secret: string): string {
  const totp = totpOf(secret);
  const valid = new Set(
    [-30_000, 0, 30_000].map((d) => totp.generate({ timestamp: Date.now() + d })),
  );
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, "0");
    if (!valid.has(code)) return code;
  }
}

/** Signs an administrator in and through enrolment; returns the secret and recovery codes. */
async function enrolled(admin: TestUser) {
  const { headers } = await loginAs(app, admin.username, admin.password);
  const { secret } = (await post("/api/auth/totp/enrol", headers)).json();
  const confirm = await post("/api/auth/totp/confirm", headers, {
    code: totpOf(secret).generate(),
  });
  return { secret, recoveryCodes: confirm.json().recoveryCodes as string[] };
}

describe("TOTP for administrators", () => {
  it("requires enrolment, then a code at every sign-in, before any active route", async () => {
    const admin = await buildUser(ctx.db, { role: "security_admin", at: org });
    const first = await loginAs(app, admin.username, admin.password);
    expect(first.stage).toBe("totp_enrol");
    const gate = await app.inject({ method: "GET", url: "/api/users", headers: first.headers });
    expectError(gate, 403, "stage_totp_enrol");
    expectError(await post("/api/auth/totp/confirm", first.headers, { code: "123456" }), 409);

    const enrol = await post("/api/auth/totp/enrol", first.headers);
    expect(enrol.statusCode).toBe(200);
    const { secret, uri } = enrol.json();
    expect(uri).toMatch(/^otpauth:\/\/totp\/.*\?.*secret=/);
    const stored = await ctx.db.query(
      "SELECT totp_secret_enc, totp_enabled_at FROM users WHERE id = $1",
      [admin.id],
    );
    expect(stored.rows[0].totp_enabled_at).toBeNull();
    expect(Buffer.from(stored.rows[0].totp_secret_enc).toString("latin1")).not.toContain(secret);
    expect(ctx.cipher.decrypt(stored.rows[0].totp_secret_enc)).toBe(secret);

    const wrong = await post("/api/auth/totp/confirm", first.headers, {
      code: wrongCodeFor(secret),
    });
    expectError(wrong, 400, "invalid_totp");
    const ok = await post("/api/auth/totp/confirm", first.headers, {
      code: totpOf(secret).generate(),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().stage).toBe("active");
    const codes: string[] = ok.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const digests = await ctx.db.query<{ code_digest: string }>(
      "SELECT code_digest FROM user_recovery_codes WHERE user_id = $1",
      [admin.id],
    );
    expect(digests.rows).toHaveLength(10);
    for (const { code_digest } of digests.rows) {
      expect(code_digest).toMatch(/^[0-9a-f]{64}$/);
      expect(codes).not.toContain(code_digest);
    }
    expect(
      (await app.inject({ method: "GET", url: "/api/users", headers: first.headers })).statusCode,
    ).toBe(200);
    expect(await auditRows(ctx.db, "auth.totp_enrol_started", admin.id)).toHaveLength(1);
    expect(await auditRows(ctx.db, "auth.totp_enabled", admin.id)).toHaveLength(1);

    const second = await loginAs(app, admin.username, admin.password);
    expect(second.stage).toBe("totp");
    const blocked = await app.inject({ method: "GET", url: "/api/users", headers: second.headers });
    expectError(blocked, 403, "stage_totp");
    const code = nextCode(secret);
    const verified = await post("/api/auth/totp/verify", second.headers, { code });
    expect(verified.json()).toEqual({ stage: "active" });
    expect(
      (await app.inject({ method: "GET", url: "/api/users", headers: second.headers })).statusCode,
    ).toBe(200);
    expect((await auditRows(ctx.db, "auth.totp_verified", admin.id))[0]?.after).toEqual({
      method: "totp",
    });

    // The same code seen over someone's shoulder cannot be used again.
    const third = await loginAs(app, admin.username, admin.password);
    expectError(await post("/api/auth/totp/verify", third.headers, { code }), 400, "invalid_totp");
  });

  it("accepts each recovery code once, however it is typed", async () => {
    const admin = await buildUser(ctx.db, { role: "audit_admin", at: org });
    const { recoveryCodes } = await enrolled(admin);
    const code = recoveryCodes[0] ?? "";
    const typed = code.toLowerCase().replace("-", " ");
    const a = await loginAs(app, admin.username, admin.password);
    const first = await post("/api/auth/totp/verify", a.headers, { recoveryCode: typed });
    expect(first.json()).toEqual({ stage: "active" });
    expect((await auditRows(ctx.db, "auth.totp_verified", admin.id))[0]?.after).toEqual({
      method: "recovery_code",
      recoveryCodesLeft: 9,
    });
    const b = await loginAs(app, admin.username, admin.password);
    const again = await post("/api/auth/totp/verify", b.headers, { recoveryCode: code });
    expect(expectError(again, 400, "invalid_recovery_code")).toMatchObject({
      field: "recoveryCode",
    });
    const other = await post("/api/auth/totp/verify", b.headers, {
      recoveryCode: recoveryCodes[1],
    });
    expect(other.statusCode).toBe(200);
  });

  it("counts wrong codes toward the same lockout as wrong passwords", async () => {
    const admin = await buildUser(ctx.db, { role: "system_admin", at: org });
    const { secret } = await enrolled(admin);
    const { headers } = await loginAs(app, admin.username, admin.password);
    const bad = wrongCodeFor(secret);
    for (let i = 1; i <= 4; i++) {
      expectError(await post("/api/auth/totp/verify", headers, { code: bad }), 400, "invalid_totp");
    }
    expectError(
      await post("/api/auth/totp/verify", headers, { code: bad }),
      429,
      "sign_in_delayed",
    );
    const right = await post("/api/auth/totp/verify", headers, { code: nextCode(secret) });
    expectError(right, 429, "sign_in_delayed");
    expectError((await loginAs(app, admin.username, admin.password)).res, 429, "sign_in_delayed");
    expect(await auditRows(ctx.db, "auth.totp_failed", admin.id)).toHaveLength(5);
    expect(await auditRows(ctx.db, "auth.sign_in_delayed", admin.id)).toHaveLength(1);
  });

  it("refuses TOTP steps out of order", async () => {
    const member = await buildUser(ctx.db, { role: "member", at: org });
    const { headers } = await signIn(ctx.db, member);
    expectError(await post("/api/auth/totp/enrol", headers), 409, "stage_active");
    expectError(
      await post("/api/auth/totp/verify", headers, { code: "123456" }),
      409,
      "stage_active",
    );
    expectError(
      await post("/api/auth/totp/confirm", headers, { code: "123456" }),
      409,
      "stage_active",
    );
  });

  it("refuses a body with both or neither of code and recoveryCode", async () => {
    const admin = await buildUser(ctx.db, { role: "audit_admin", at: org });
    const { headers } = await signIn(ctx.db, admin, "totp");
    expectError(await post("/api/auth/totp/verify", headers, {}), 400);
    const both = await post("/api/auth/totp/verify", headers, {
      code: "123456",
      recoveryCode: "ABCDE-FGHJK",
    });
    expectError(both, 400);
  });

  it.each(["/api/auth/totp/enrol", "/api/auth/totp/confirm", "/api/auth/totp/verify"])(
    "%s is 401 without a session",
    async (url) => {
      const res = await app.inject({
        method: "POST",
        url,
        ...(url.endsWith("enrol") ? {} : { payload: { code: "123456" } }),
      });
      expectError(res, 401);
    },
  );
});
