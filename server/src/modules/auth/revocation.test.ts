// The actor is cached in each server process (issue 10); every revocation must still reach the
// very next request, in this process and in another one on the same database (issue 15).
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildMember, buildOrg, buildUser, signIn, type TestOrg } from "../../../test/factories.ts";
import { buildApp } from "../../app.ts";
import { cliActor } from "../../platform/audit/record.ts";
import type { AppContext } from "../../platform/context.ts";
import { batchQueries, createPool, type Db } from "../../platform/db/pool.ts";
import { grantRole } from "../users/grant-role.ts";
import { expectError, loginAs } from "./auth.testing.ts";

let app: FastifyInstance;
/** A second server on the same database, with its own pool and its own actor cache. */
let other: FastifyInstance;
let ctx: AppContext;
let county: TestOrg;
let branch: TestOrg;
let admin: { headers: Record<string, string> };

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  const otherDb = createPool(ctx.config.databaseUrl ?? "", 3);
  other = await buildApp({ ...ctx, db: otherDb });
  await other.ready();
  afterAll(async () => {
    await other.close();
    await otherDb.end();
  });
  const city = await buildOrg(ctx.db, { name: "中共青山市委" });
  county = await buildOrg(ctx.db, { parent: city, name: "中共东湖县委" });
  branch = await buildOrg(ctx.db, { parent: county, name: "东湖镇桃园村党支部" });
  admin = await signIn(ctx.db, await buildUser(ctx.db, { role: "security_admin", at: county }));
});

const get = (server: FastifyInstance, url: string, who: { headers: Record<string, string> }) =>
  server.inject({ method: "GET", url, headers: who.headers });
const post = (url: string, who: { headers: Record<string, string> }, payload?: object) =>
  app.inject({ method: "POST", url, headers: who.headers, ...(payload ? { payload } : {}) });

/** A secretary of the branch, signed in, warm in both servers' caches. */
async function warmSecretary() {
  const user = await buildUser(ctx.db, {
    role: "secretary",
    at: branch,
    member: await buildMember(ctx.db, { org: branch }),
  });
  const session = await signIn(ctx.db, user);
  for (const server of [app, other]) {
    expect((await get(server, "/api/members", session)).statusCode).toBe(200);
  }
  return { user, session };
}

const sqlOf = (q: unknown) => (typeof q === "string" ? q : String((q as { text?: string }).text));

/** Every statement the app sends meanwhile, on the pool and on its batch connections (ADR 0036). */
function spyQueries() {
  const spies = [ctx.db, batchQueries(ctx.db) as Db].map((db) => vi.spyOn(db, "query"));
  return {
    sql: () => spies.flatMap((s) => s.mock.calls.map((c) => sqlOf(c[0]))),
    restore: () => {
      for (const s of spies) s.mockRestore();
    },
  };
}

describe("what a signed-in request costs", () => {
  it("reads the database once and writes nothing once the actor is cached", async () => {
    const { session } = await warmSecretary();
    const spy = spyQueries();
    try {
      const res = await get(app, "/api/auth/session", session);
      expect(res.statusCode).toBe(200);
      // A hot query is a named statement: its SQL is in the config object's text.
      const sql = spy.sql();
      expect(sql).toHaveLength(1);
      expect(sql[0]).toMatch(/^\s*SELECT/);
    } finally {
      spy.restore();
    }
  });

  it("answers requests that arrive together with one shared read, each with its own session", async () => {
    const warm = await Promise.all(Array.from({ length: 12 }, () => warmSecretary()));
    const [gone, ...live] = warm;
    if (!gone) throw new Error("no sessions");
    expect((await post("/api/auth/logout", gone.session)).statusCode).toBe(200);
    const spy = spyQueries();
    try {
      const answers = await Promise.all(
        [gone, ...live, ...live].map((w) => get(app, "/api/auth/session", w.session)),
      );
      expectError(answers[0] as Awaited<ReturnType<typeof get>>, 401);
      const names = answers.slice(1).map((r) => r.json().user.username);
      expect(names).toEqual([...live, ...live].map((w) => w.user.username));
      // 23 requests, fewer reads: the ended session's own end is not a read.
      const reads = spy.sql().filter((sql) => /^\s*SELECT/.test(sql));
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.length).toBeLessThan(6);
    } finally {
      spy.restore();
    }
  });
});

describe("every revocation reaches the next request, in both servers", () => {
  it("a grant ended today", async () => {
    const { user, session } = await warmSecretary();
    const grantId = (await ctx.db.query("SELECT id FROM role_grants WHERE user_id = $1", [user.id]))
      .rows[0].id;
    const ended = await post(`/api/users/${user.id}/grants/${grantId}/end`, admin);
    expect(ended.statusCode).toBe(200);
    for (const server of [app, other]) {
      expectError(await get(server, "/api/members", session), 403, "forbidden");
    }
  });

  it("a new grant, too, is seen at once", async () => {
    const { user, session } = await warmSecretary();
    expect((await get(other, "/api/auth/session", session)).json().grants).toHaveLength(1);
    const res = await post(`/api/users/${user.id}/grants`, admin, {
      role: "discipline_officer",
      orgId: county.id,
    });
    expect(res.statusCode).toBe(201);
    for (const server of [app, other]) {
      const roles = (await get(server, "/api/auth/session", session))
        .json()
        .grants.map((g: { role: string }) => g.role);
      expect(roles).toContain("discipline_officer");
    }
  });

  it("a disabled account", async () => {
    const { user, session } = await warmSecretary();
    expect((await post(`/api/users/${user.id}/disable`, admin)).statusCode).toBe(200);
    for (const server of [app, other]) {
      expectError(await get(server, "/api/members", session), 401);
    }
  });

  it("a disablement written straight to the database, bypassing the app", async () => {
    const { user, session } = await warmSecretary();
    await ctx.db.query("UPDATE users SET disabled_at = now() WHERE id = $1", [user.id]);
    for (const server of [app, other]) {
      expectError(await get(server, "/api/members", session), 401);
    }
  });

  it("a password reset by the administrator", async () => {
    const { user, session } = await warmSecretary();
    expect((await post(`/api/users/${user.id}/reset-password`, admin)).statusCode).toBe(200);
    for (const server of [app, other]) {
      expectError(await get(server, "/api/members", session), 401);
    }
  });

  it("a password changed by the user in another session", async () => {
    const { user, session } = await warmSecretary();
    const second = await loginAs(app, user.username, user.password);
    const res = await post("/api/auth/password", second, {
      currentPassword: user.password,
      newPassword: "Taoyuan#Zhibu2031",
    });
    expect(res.statusCode).toBe(200);
    for (const server of [app, other]) {
      expectError(await get(server, "/api/members", session), 401);
    }
    expect((await get(other, "/api/members", second)).statusCode).toBe(200);
  });

  it("a session ended by signing out", async () => {
    const { session } = await warmSecretary();
    expect((await post("/api/auth/logout", session)).statusCode).toBe(200);
    for (const server of [app, other]) {
      expectError(await get(server, "/api/members", session), 401);
    }
  });

  it("a member marked as a cadre or no longer one: the session says so at once", async () => {
    const { user, session } = await warmSecretary();
    const cadre = async (server: FastifyInstance) =>
      (await get(server, "/api/auth/session", session)).json().user.isCadre;
    expect([await cadre(app), await cadre(other)]).toEqual([false, false]);
    const member = "SELECT member_id FROM users WHERE id = $1";
    await ctx.db.query(`UPDATE members SET is_cadre = true WHERE id = (${member})`, [user.id]);
    expect([await cadre(app), await cadre(other)]).toEqual([true, true]);
    await ctx.db.query(`UPDATE members SET archived_at = now() WHERE id = (${member})`, [user.id]);
    expect([await cadre(app), await cadre(other)]).toEqual([false, false]);
  });

  it("an org archived or renamed: the grant's org is read afresh", async () => {
    const { session } = await warmSecretary();
    await ctx.db.query("UPDATE orgs SET name = '东湖镇桃园村党总支' WHERE id = $1", [branch.id]);
    const renamed = (await get(other, "/api/auth/session", session)).json();
    expect(renamed.grants[0].orgName).toBe("东湖镇桃园村党总支");
    await ctx.db.query("UPDATE orgs SET archived_at = now() WHERE id = $1", [branch.id]);
    try {
      for (const server of [app, other]) {
        expectError(await get(server, "/api/members", session), 403, "forbidden");
      }
    } finally {
      await ctx.db.query(
        "UPDATE orgs SET archived_at = NULL, name = '东湖镇桃园村党支部' WHERE id = $1",
        [branch.id],
      );
    }
  });
});

describe("an administrator role reaching a signed-in session", () => {
  it("does not work without TOTP: the session drops to enrolment at grant time", async () => {
    const user = await buildUser(ctx.db, { role: "propaganda_officer", at: county });
    // Signed in with a password only, as a non-administrator is.
    const session = await loginAs(app, user.username, user.password);
    expect((await get(other, "/api/members", session)).statusCode).toBe(200);
    await ctx.db.query("DELETE FROM role_grants WHERE user_id = $1", [user.id]);
    await grantRole(ctx.db, { kind: "operator" }, cliActor, user.id, {
      role: "security_admin",
      orgId: county.id,
    });
    for (const server of [app, other]) {
      expectError(await get(server, "/api/users", session), 403, "stage_totp_enrol");
    }
    const stage = await ctx.db.query("SELECT stage FROM sessions WHERE user_id = $1", [user.id]);
    expect(stage.rows.map((r) => r.stage)).toEqual(["totp_enrol"]);
  });

  it("does not work when a scheduled grant starts, however it got into the database", async () => {
    const user = await buildUser(ctx.db, { role: "propaganda_officer", at: county });
    await ctx.db.query("UPDATE users SET totp_enabled_at = now() WHERE id = $1", [user.id]);
    const session = await loginAs(app, user.username, user.password);
    expect((await get(app, "/api/members", session)).statusCode).toBe(200);
    // As if midnight came for a grant scheduled earlier: no grant-time check ran.
    await ctx.db.query("DELETE FROM role_grants WHERE user_id = $1", [user.id]);
    await ctx.db.query(
      "INSERT INTO role_grants (user_id, role, org_id) VALUES ($1, 'audit_admin', $2)",
      [user.id, county.id],
    );
    for (const server of [other, app]) {
      expectError(await get(server, "/api/audit-events", session), 403, "stage_totp");
    }
  });
});
