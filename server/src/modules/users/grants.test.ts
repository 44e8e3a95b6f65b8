import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildOrg, buildUser, signIn } from "../../../test/factories.ts";
import { cliActor } from "../../platform/audit/record.ts";
import type { Role } from "../../platform/auth/permissions.ts";
import type { AppContext } from "../../platform/context.ts";
import { auditRows, expectError } from "../auth/auth.testing.ts";
import { grantRole } from "./grant-role.ts";
import { buildCityTree, type CityTree, call } from "./users.testing.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CityTree;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await buildCityTree(ctx);
});

const grant = (userId: number, body: object, by = t.adminA) =>
  call(app, "POST", `/api/users/${userId}/grants`, by, body);

describe("POST /api/users/:id/grants", () => {
  it("grants a role at a node of the caller's subtree, with its audit row", async () => {
    const target = await buildUser(ctx.db, { role: "member", at: t.branchA });
    const res = await grant(target.id, { role: "secretary", orgId: t.branchA.id });
    expect(res.statusCode).toBe(201);
    const view = res.json();
    expect(view).toMatchObject({
      userId: target.id,
      role: "secretary",
      orgName: "东乡区孝岗镇第一党支部",
      status: "active",
      endsOn: null,
      grantedBy: t.adminA.id,
    });
    const rows = await auditRows(ctx.db, "grant.create", view.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_user_id: t.adminA.id, org_path: t.branchA.path });
    const list = (await call(app, "GET", `/api/users/${target.id}/grants`, t.adminA)).json();
    expect(list.items.map((g: { role: string }) => g.role).sort()).toEqual(["member", "secretary"]);
  });

  it("refuses to grant a role to oneself", async () => {
    const res = await grant(t.adminA.id, { role: "secretary", orgId: t.branchA.id });
    expect(expectError(res, 403, "forbidden").message).toContain("本人");
  });

  it("grants no administrator role in the app: the operator does, at the command line", async () => {
    const target = await buildUser(ctx.db, { role: "member", at: t.branchA });
    for (const role of ["system_admin", "security_admin", "audit_admin"]) {
      const res = await grant(target.id, { role, orgId: t.countyA.id });
      expectError(res, 403, "admin_role_by_operator");
    }
    const created = await call(app, "POST", "/api/users", t.adminA, {
      username: "shenji.wang",
      displayName: "王审计",
      orgId: t.countyA.id,
      role: "audit_admin",
    });
    // No account, so no one-time password of a future auditor in the security admin's hands.
    expectError(created, 403, "admin_role_by_operator");
    expect(
      (await ctx.db.query("SELECT 1 FROM users WHERE username = 'shenji.wang'")).rowCount,
    ).toBe(0);
  });

  it("keeps administrator roles alone (三员分立): no business role beside them, no second kind", async () => {
    const auditor = await buildUser(ctx.db, { role: "audit_admin", at: t.countyA });
    const sysadmin = await buildUser(ctx.db, { role: "system_admin", at: t.countyA });
    for (const target of [auditor, sysadmin]) {
      for (const role of ["secretary", "member", "discipline_officer"]) {
        const res = await grant(target.id, { role, orgId: t.branchA.id });
        expect(expectError(res, 409, "separation_of_duties")).toMatchObject({ field: "role" });
      }
    }
    const operator = { kind: "operator" } as const;
    const byOperator = (userId: number, role: Role, orgId: number) =>
      grantRole(ctx.db, operator, cliActor, userId, { role, orgId });
    await expect(byOperator(auditor.id, "system_admin", t.countyA.id)).rejects.toMatchObject({
      code: "separation_of_duties",
    });
    await expect(byOperator(t.secretary.id, "audit_admin", t.countyA.id)).rejects.toMatchObject({
      code: "separation_of_duties",
    });
    expect(await byOperator(auditor.id, "audit_admin", t.countyB.id)).toMatchObject({
      status: "active",
    });
  });

  it("counts a future admin grant too, and lets only one of two racing grants win", async () => {
    const operator = { kind: "operator" } as const;
    const target = await buildUser(ctx.db, { role: "audit_admin", at: t.branchA });
    await ctx.db.query("DELETE FROM role_grants WHERE user_id = $1", [target.id]);
    const results = await Promise.allSettled([
      grantRole(ctx.db, operator, cliActor, target.id, {
        role: "system_admin",
        orgId: t.countyA.id,
      }),
      grantRole(ctx.db, operator, cliActor, target.id, {
        role: "audit_admin",
        orgId: t.countyA.id,
      }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const later = await buildUser(ctx.db, { role: "audit_admin", at: t.branchA });
    await ctx.db.query("DELETE FROM role_grants WHERE user_id = $1", [later.id]);
    await grantRole(ctx.db, operator, cliActor, later.id, {
      role: "system_admin",
      orgId: t.countyA.id,
      startsOn: "2099-01-01",
    });
    expectError(
      await grant(later.id, { role: "secretary", orgId: t.branchA.id }),
      409,
      "separation_of_duties",
    );
  });

  it("refuses an org outside the caller's subtree and an archived org", async () => {
    const target = await buildUser(ctx.db, { role: "member", at: t.branchA });
    expectError(
      await grant(target.id, { role: "secretary", orgId: t.branchB.id }),
      404,
      "not_found",
    );
    expectError(await grant(target.id, { role: "secretary", orgId: t.city.id }), 404, "not_found");
    const closed = await buildOrg(ctx.db, { parent: t.countyA, name: "东乡区原红星乡党支部" });
    await ctx.db.query("UPDATE orgs SET archived_at = now() WHERE id = $1", [closed.id]);
    expectError(await grant(target.id, { role: "secretary", orgId: closed.id }), 409);
    expect(
      (await auditRows(ctx.db, "grant.create")).filter((r) => r.after?.userId === target.id),
    ).toHaveLength(0);
  });

  it("checks the dates: end before start, impossible dates, duplicates", async () => {
    const target = await buildUser(ctx.db, { role: "member", at: t.branchA });
    const backwards = await grant(target.id, {
      role: "secretary",
      orgId: t.branchA.id,
      startsOn: "2030-03-01",
      endsOn: "2030-02-01",
    });
    expect(expectError(backwards, 400)).toMatchObject({ field: "endsOn" });
    const feb30 = await grant(target.id, {
      role: "secretary",
      orgId: t.branchA.id,
      startsOn: "2030-02-30",
    });
    expect(expectError(feb30, 400, "invalid_input")).toMatchObject({ field: "startsOn" });
    expectError(await grant(target.id, { role: "member", orgId: t.branchA.id }), 409, "duplicate");
  });
});

describe("POST /api/users/:id/grants/:grantId/end (离任)", () => {
  it("ends access at once, not at midnight, keeping the row", async () => {
    const officer = await buildUser(ctx.db, { role: "member", at: t.branchA });
    const granted = (await grant(officer.id, { role: "secretary", orgId: t.branchA.id })).json();
    const session = await signIn(ctx.db, officer);
    expect((await call(app, "GET", "/api/members", session)).statusCode).toBe(200);

    const ended = await call(
      app,
      "POST",
      `/api/users/${officer.id}/grants/${granted.id}/end`,
      t.adminA,
    );
    expect(ended.statusCode).toBe(200);
    const today = (await ctx.db.query("SELECT cn_today()::text AS d")).rows[0].d;
    expect(ended.json()).toMatchObject({ endsOn: today, status: "ended" });
    // The very next request of the same session no longer carries the role.
    expectError(await call(app, "GET", "/api/members", session), 403, "forbidden");
    const row = await ctx.db.query("SELECT count(*)::int AS n FROM role_grants WHERE id = $1", [
      granted.id,
    ]);
    expect(row.rows[0].n).toBe(1);
    const audit = await auditRows(ctx.db, "grant.end", granted.id);
    expect(audit[0]).toMatchObject({ before: { endsOn: null }, after: { endsOn: today } });
    expectError(
      await call(app, "POST", `/api/users/${officer.id}/grants/${granted.id}/end`, t.adminA),
      409,
      "grant_ended",
    );
  });

  it("keeps a grant with a later end date through that day, and can still end it now", async () => {
    const officer = await buildUser(ctx.db, { role: "member", at: t.branchA });
    const granted = (await grant(officer.id, { role: "secretary", orgId: t.branchA.id })).json();
    const session = await signIn(ctx.db, officer);
    const url = `/api/users/${officer.id}/grants/${granted.id}/end`;
    const later = await call(app, "POST", url, t.adminA, { endsOn: "2099-06-30" });
    expect(later.json()).toMatchObject({ endsOn: "2099-06-30", status: "active" });
    expect((await call(app, "GET", "/api/members", session)).statusCode).toBe(200);
    expect((await call(app, "POST", url, t.adminA)).json()).toMatchObject({ status: "ended" });
    expectError(await call(app, "GET", "/api/members", session), 403, "forbidden");
  });

  it("cancels a grant that has not started, and refuses a past end date", async () => {
    const target = await buildUser(ctx.db, { role: "member", at: t.branchA });
    const future = (
      await grant(target.id, {
        role: "propaganda_officer",
        orgId: t.branchA.id,
        startsOn: "2099-07-01",
      })
    ).json();
    const res = await call(
      app,
      "POST",
      `/api/users/${target.id}/grants/${future.id}/end`,
      t.adminA,
    );
    expect(res.json()).toMatchObject({ status: "revoked" });
    expect(await auditRows(ctx.db, "grant.revoke", future.id)).toHaveLength(1);
    const current = (await grant(target.id, { role: "secretary", orgId: t.branchA.id })).json();
    const past = await call(
      app,
      "POST",
      `/api/users/${target.id}/grants/${current.id}/end`,
      t.adminA,
      {
        endsOn: "2001-07-01",
      },
    );
    expect(expectError(past, 400)).toMatchObject({ field: "endsOn" });
  });

  it("refuses one's own grant and a grant elsewhere", async () => {
    const own = (await ctx.db.query("SELECT id FROM role_grants WHERE user_id = $1", [t.adminA.id]))
      .rows[0].id;
    expectError(
      await call(app, "POST", `/api/users/${t.adminA.id}/grants/${own}/end`, t.adminA),
      403,
    );
    const theirs = (
      await ctx.db.query("SELECT id FROM role_grants WHERE user_id = $1", [t.adminB.id])
    ).rows[0].id;
    expectError(
      await call(app, "POST", `/api/users/${t.adminB.id}/grants/${theirs}/end`, t.adminA),
      404,
    );
    // A grant id that belongs to another user is not found under this user.
    const secretaryGrant = (
      await ctx.db.query("SELECT id FROM role_grants WHERE user_id = $1", [t.secretary.id])
    ).rows[0].id;
    expectError(
      await call(app, "POST", `/api/users/${t.member.id}/grants/${secretaryGrant}/end`, t.adminA),
      404,
    );
  });
});
