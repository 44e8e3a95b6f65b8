import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildMember, buildUser, signIn } from "../../../test/factories.ts";
import type { AppContext } from "../../platform/context.ts";
import { auditRows, expectError, loginAs } from "../auth/auth.testing.ts";
import { buildCityTree, type CityTree, call } from "./users.testing.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CityTree;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await buildCityTree(ctx);
});

describe("every users route", () => {
  const routes = (userId: number, grantId: number): [string, string, object?][] => [
    ["GET", "/api/users"],
    [
      "POST",
      "/api/users",
      { username: "zhao.jianguo", displayName: "赵建国", orgId: t.branchA.id },
    ],
    ["GET", `/api/users/${userId}`],
    ["POST", `/api/users/${userId}/disable`],
    ["POST", `/api/users/${userId}/enable`],
    ["POST", `/api/users/${userId}/reset-password`],
    ["GET", `/api/users/${userId}/grants`],
    ["POST", `/api/users/${userId}/grants`, { role: "secretary", orgId: t.branchA.id }],
    ["POST", `/api/users/${userId}/grants/${grantId}/end`],
  ];
  const grantOf = async (userId: number) =>
    (await ctx.db.query("SELECT id FROM role_grants WHERE user_id = $1", [userId])).rows[0].id;

  it("is 401 without a session", async () => {
    for (const [method, url, body] of routes(t.secretary.id, await grantOf(t.secretary.id))) {
      const res = await call(app, method as "GET", url, undefined, body);
      expectError(res, 401, "unauthorized");
    }
  });

  it("is 403 for a plain member and for a branch secretary", async () => {
    for (const who of [t.member, t.secretary]) {
      for (const [method, url, body] of routes(t.adminA.id, await grantOf(t.adminA.id))) {
        expectError(await call(app, method as "GET", url, who, body), 403, "forbidden");
      }
    }
  });

  it("shows a security administrator of a sibling county nothing of the other county", async () => {
    const list = await call(app, "GET", "/api/users?pageSize=100", t.adminB);
    const ids = list.json().items.map((u: { id: number }) => u.id);
    expect(ids).not.toContain(t.secretary.id);
    expect(ids).not.toContain(t.member.id);
    for (const [method, url, body] of routes(t.secretary.id, await grantOf(t.secretary.id)).slice(
      2,
    )) {
      const res = await call(app, method as "GET", url, t.adminB, body);
      expectError(res, 404, "not_found");
    }
    const create = await call(app, "POST", "/api/users", t.adminB, {
      username: "wu.haiyan",
      displayName: "吴海燕",
      orgId: t.branchA.id,
    });
    expectError(create, 404, "not_found");
    expect(await auditRows(ctx.db, "user.disable", t.secretary.id)).toHaveLength(0);
  });
});

describe("GET /api/users", () => {
  it("pages through the accounts in scope with a total", async () => {
    for (const name of ["王建国", "王秀英", "王志强"]) {
      await buildUser(ctx.db, {
        role: "member",
        at: t.branchA,
        member: await buildMember(ctx.db, { org: t.branchA, name }),
      });
    }
    const page1 = await call(app, "GET", "/api/users?page=1&pageSize=2", t.adminA);
    expect(page1.statusCode).toBe(200);
    const body = page1.json();
    expect(body).toMatchObject({ page: 1, pageSize: 2 });
    expect(body.items).toHaveLength(2);
    const page2 = (await call(app, "GET", `/api/users?page=2&pageSize=2`, t.adminA)).json();
    expect(page2.total).toBe(body.total);
    expect(page2.items[0].id).toBeGreaterThan(body.items[1].id);
    const all = (await call(app, "GET", "/api/users?pageSize=100", t.adminA)).json();
    expect(all.items).toHaveLength(all.total);
    // County A: its admin, the member, the secretary and the three 王.
    expect(all.total).toBe(6);
    expectError(await call(app, "GET", "/api/users?pageSize=101", t.adminA), 400);
  });

  it("filters by part of the name or the username", async () => {
    const byName = (
      await call(app, "GET", `/api/users?q=${encodeURIComponent("王")}`, t.adminA)
    ).json();
    const names = byName.items.map((u: { displayName: string }) => u.displayName);
    expect(names.sort()).toEqual(["王建国", "王秀英", "王志强"].sort());
    const byUsername = (
      await call(app, "GET", `/api/users?q=${t.member.username.toUpperCase()}`, t.adminA)
    ).json();
    expect(byUsername.items.map((u: { id: number }) => u.id)).toEqual([t.member.id]);
    const wild = (await call(app, "GET", "/api/users?q=%25", t.adminA)).json();
    expect(wild.total).toBe(0);
  });

  it("lets the city administrator see both counties, with abilities per account", async () => {
    const all = (await call(app, "GET", "/api/users?pageSize=100", t.cityAdmin)).json();
    const byId = new Map(all.items.map((u: { id: number }) => [u.id, u]));
    expect(byId.has(t.adminA.id) && byId.has(t.adminB.id)).toBe(true);
    expect(byId.get(t.cityAdmin.id)).toMatchObject({ abilities: { manage: false, grant: false } });
    // Another administrator's account is the operator's to manage (三员: no takeover).
    expect(byId.get(t.adminA.id)).toMatchObject({ abilities: { manage: false, grant: false } });
    expect(byId.get(t.secretary.id)).toMatchObject({ abilities: { manage: true, grant: true } });
  });
});

describe("POST /api/users", () => {
  it("opens an account with a one-time password that must be changed", async () => {
    const member = await buildMember(ctx.db, { org: t.branchA, name: "徐卫东" });
    const res = await call(app, "POST", "/api/users", t.adminA, {
      username: "xu.weidong",
      displayName: "徐卫东",
      orgId: t.branchA.id,
      memberId: member.id,
      role: "member",
    });
    expect(res.statusCode).toBe(201);
    const { user, oneTimePassword } = res.json();
    expect(user).toMatchObject({
      username: "xu.weidong",
      memberId: member.id,
      mustChangePassword: true,
    });
    expect(oneTimePassword).toMatch(/^[A-Za-z0-9]{14}$/);
    expect((await loginAs(app, "xu.weidong", oneTimePassword)).stage).toBe("password_change");
    const created = await auditRows(ctx.db, "user.create", user.id);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ actor_user_id: t.adminA.id, org_path: t.branchA.path });
    expect(JSON.stringify(created[0])).not.toContain(oneTimePassword);
    const grants = await auditRows(ctx.db, "grant.create");
    expect(grants.some((g) => g.after?.userId === user.id && g.after?.role === "member")).toBe(
      true,
    );
  });

  it("refuses a member outside the administrator's subtree, and duplicates", async () => {
    const outsider = await buildMember(ctx.db, { org: t.branchB, name: "孙海燕" });
    const res = await call(app, "POST", "/api/users", t.adminA, {
      username: "sun.haiyan",
      displayName: "孙海燕",
      orgId: t.branchA.id,
      memberId: outsider.id,
    });
    expectError(res, 404, "not_found");
    const dup = await call(app, "POST", "/api/users", t.adminA, {
      username: t.member.username,
      displayName: "林晓明",
      orgId: t.branchA.id,
    });
    expect(expectError(dup, 409, "duplicate")).toMatchObject({ field: "username" });
    const linked = (await ctx.db.query("SELECT member_id FROM users WHERE id = $1", [t.member.id]))
      .rows[0];
    const twice = await call(app, "POST", "/api/users", t.adminA, {
      username: "lin.xiaoming2",
      displayName: "林晓明",
      orgId: t.branchA.id,
      memberId: linked.member_id,
    });
    expect(expectError(twice, 409, "duplicate")).toMatchObject({ field: "memberId" });
    expect(await auditRows(ctx.db, "user.create")).toHaveLength(1);
  });

  it("names the field of a malformed username", async () => {
    const res = await call(app, "POST", "/api/users", t.adminA, {
      username: "张三",
      displayName: "张三",
      orgId: t.branchA.id,
    });
    expect(expectError(res, 400, "invalid_input")).toMatchObject({ field: "username" });
  });
});

describe("disable, enable and reset password", () => {
  it("disables an account, ending its sessions, and enables it again", async () => {
    const target = await buildUser(ctx.db, { role: "member", at: t.branchA });
    const session = await signIn(ctx.db, target);
    const res = await call(app, "POST", `/api/users/${target.id}/disable`, t.adminA);
    expect(res.json()).toMatchObject({ id: target.id, disabled: true });
    expectError(await call(app, "GET", "/api/auth/session", session), 401);
    expectError(
      (await loginAs(app, target.username, target.password)).res,
      401,
      "account_disabled",
    );
    expectError(await call(app, "POST", `/api/users/${target.id}/disable`, t.adminA), 409);
    expect(
      (await call(app, "POST", `/api/users/${target.id}/enable`, t.adminA)).json().disabled,
    ).toBe(false);
    expect((await loginAs(app, target.username, target.password)).res.statusCode).toBe(200);
    expect(await auditRows(ctx.db, "user.disable", target.id)).toHaveLength(1);
    expect(await auditRows(ctx.db, "user.enable", target.id)).toHaveLength(1);
  });

  it("resets a password: one-time, must change, sessions ended, lock lifted", async () => {
    const target = await buildUser(ctx.db, { role: "member", at: t.branchA });
    const session = await signIn(ctx.db, target);
    await ctx.db.query(
      "UPDATE users SET locked_until = now() + interval '10 minutes' WHERE id = $1",
      [target.id],
    );
    const res = await call(app, "POST", `/api/users/${target.id}/reset-password`, t.adminA);
    const { oneTimePassword } = res.json();
    expectError(await call(app, "GET", "/api/auth/session", session), 401);
    expect((await loginAs(app, target.username, oneTimePassword)).stage).toBe("password_change");
    expect(await auditRows(ctx.db, "user.password_reset", target.id)).toHaveLength(1);
  });

  it("refuses an administrator's own account", async () => {
    for (const action of ["disable", "reset-password"]) {
      expectError(await call(app, "POST", `/api/users/${t.adminA.id}/${action}`, t.adminA), 403);
    }
  });

  it("refuses to manage an account that holds powers beyond the caller's subtree", async () => {
    // Homed in county A but a secretary of the whole city.
    const senior = await buildUser(ctx.db, { role: "secretary", at: t.city });
    await ctx.db.query("UPDATE users SET org_id = $2 WHERE id = $1", [senior.id, t.countyA.id]);
    const res = await call(app, "POST", `/api/users/${senior.id}/reset-password`, t.adminA);
    expectError(res, 403, "forbidden");
    expect(
      (await call(app, "GET", `/api/users/${senior.id}`, t.adminA)).json().abilities.manage,
    ).toBe(false);
    expect(
      (await call(app, "POST", `/api/users/${senior.id}/reset-password`, t.cityAdmin)).statusCode,
    ).toBe(200);
  });

  it("lets no administrator reset, disable or take over another administrator's account", async () => {
    const auditor = await buildUser(ctx.db, { role: "audit_admin", at: t.countyA });
    const auditorSession = await signIn(ctx.db, auditor);
    for (const target of [auditor.id, t.adminA.id]) {
      for (const action of ["reset-password", "disable"]) {
        const res = await call(app, "POST", `/api/users/${target}/${action}`, t.cityAdmin);
        expectError(res, 403, "admin_account_by_operator");
      }
    }
    expect((await call(app, "GET", "/api/auth/session", auditorSession)).statusCode).toBe(200);
    expect(await auditRows(ctx.db, "user.password_reset", auditor.id)).toHaveLength(0);
  });
});
