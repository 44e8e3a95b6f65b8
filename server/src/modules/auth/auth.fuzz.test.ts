import type { FastifyInstance } from "fastify";
import { beforeAll, describe, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildOrg, buildUser, signIn } from "../../../test/factories.ts";
import type { AppContext } from "../../platform/context.ts";
import { fuzzRoute } from "./auth.testing.ts";

let app: FastifyInstance;
let ctx: AppContext;
let headers: Record<string, string>;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  const org = await buildOrg(ctx.db, { name: "中共白沙县委" });
  const user = await buildUser(ctx.db, { role: "member", at: org });
  ({ headers } = await signIn(ctx.db, user));
});

// Random bodies, and objects with the route's own field names holding junk: always a 4xx
// in the standard error shape, never a 500.
describe("auth routes under random input", () => {
  it("POST /api/auth/login", async () => {
    await fuzzRoute(app, { method: "POST", url: "/api/auth/login", headers: {} }, [
      "username",
      "password",
    ]);
  });

  it("POST /api/auth/logout (no session: junk is 400, an empty body 401)", async () => {
    await fuzzRoute(app, { method: "POST", url: "/api/auth/logout", headers: {} }, []);
  });

  it("POST /api/auth/password", async () => {
    await fuzzRoute(app, { method: "POST", url: "/api/auth/password", headers }, [
      "currentPassword",
      "newPassword",
    ]);
  });

  it("POST /api/auth/totp/enrol, /confirm and /verify on an active session", async () => {
    await fuzzRoute(app, { method: "POST", url: "/api/auth/totp/enrol", headers }, []);
    await fuzzRoute(app, { method: "POST", url: "/api/auth/totp/confirm", headers }, ["code"]);
    await fuzzRoute(app, { method: "POST", url: "/api/auth/totp/verify", headers }, [
      "code",
      "recoveryCode",
    ]);
  });

  it("POST /api/auth/consent", async () => {
    await fuzzRoute(app, { method: "POST", url: "/api/auth/consent", headers }, ["version"]);
  });
});
