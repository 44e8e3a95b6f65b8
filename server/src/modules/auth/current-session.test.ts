import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildMember, buildOrg, buildUser, signIn, type TestOrg } from "../../../test/factories.ts";
import { digestToken, SESSION_COOKIE } from "../../platform/auth/sessions.ts";
import type { AppContext } from "../../platform/context.ts";

let app: FastifyInstance;
let ctx: AppContext;
let branch: TestOrg;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  const committee = await buildOrg(ctx.db, { name: "中共柳林县委" });
  branch = await buildOrg(ctx.db, { parent: committee, name: "柳林县城关镇第二党支部" });
});

const current = (headers: Record<string, string> = {}) =>
  app.inject({ method: "GET", url: "/api/auth/current-session", headers });

describe("GET /api/auth/current-session", () => {
  it("answers null, not 401, when nobody is signed in or the cookie is stale", async () => {
    const none = await current();
    expect(none.statusCode).toBe(200);
    expect(none.json()).toEqual({ session: null });
    const stale = await current({ cookie: `${SESSION_COOKIE}=not-a-session` });
    expect(stale.statusCode).toBe(200);
    expect(stale.json()).toEqual({ session: null });
    expect(stale.cookies.find((c) => c.name === SESSION_COOKIE)?.value).toBe("");
  });

  it("answers the same session as /api/auth/session for a signed-in member", async () => {
    const member = await buildMember(ctx.db, { org: branch, name: "韩秀兰" });
    const { headers } = await signIn(
      ctx.db,
      await buildUser(ctx.db, { role: "member", at: branch, member }),
    );
    const full = await app.inject({ method: "GET", url: "/api/auth/session", headers });
    const answer = await current(headers);
    expect(answer.statusCode).toBe(200);
    expect(answer.json().session).toEqual(full.json());
    expect(answer.json().session.user.displayName).toBe("韩秀兰");
  });

  it("answers null once the session has ended", async () => {
    const user = await buildUser(ctx.db, { role: "member", at: branch });
    const { headers } = await signIn(ctx.db, user);
    const token = (headers.cookie ?? "").split("=")[1] ?? "";
    await ctx.db.query("UPDATE sessions SET ended_at = now() WHERE token_digest = $1", [
      digestToken(token),
    ]);
    expect((await current(headers)).json()).toEqual({ session: null });
  });
});
