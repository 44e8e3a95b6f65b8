import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import {
  buildMember,
  buildOrg,
  buildUser,
  type SignedIn,
  signIn,
  type TestMember,
  type TestOrg,
} from "../../../test/factories.ts";
import type { AppContext } from "../../platform/context.ts";
import { auditRows, expectError, fuzzRoute, loginAs } from "../auth/auth.testing.ts";
import { call } from "./users.testing.ts";

let app: FastifyInstance;
let ctx: AppContext;
let town: TestOrg;
let branch: TestOrg;
let sibling: TestOrg;
let secretary: SignedIn;
let siblingSecretary: SignedIn;
let member: SignedIn;
let securityAdmin: SignedIn;
let roster: TestMember[];
let outsider: TestMember;
const passwords: string[] = [];

const NAMES = ["张建国", "李秀英", "王志强", "刘海燕", "陈卫东", "杨丽娟"];

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  town = await buildOrg(ctx.db, { name: "中共桃源镇委员会" });
  branch = await buildOrg(ctx.db, { parent: town, name: "桃源镇花园村党支部" });
  sibling = await buildOrg(ctx.db, { parent: town, name: "桃源镇石桥村党支部" });
  roster = [];
  for (const name of NAMES) roster.push(await buildMember(ctx.db, { org: branch, name }));
  outsider = await buildMember(ctx.db, { org: sibling, name: "赵德胜" });
  const secretaryRecord = await buildMember(ctx.db, { org: branch, name: "孙红梅" });
  secretary = await signIn(
    ctx.db,
    await buildUser(ctx.db, { role: "secretary", at: branch, member: secretaryRecord }),
  );
  siblingSecretary = await signIn(
    ctx.db,
    await buildUser(ctx.db, { role: "secretary", at: sibling }),
  );
  const memberRecord = await buildMember(ctx.db, { org: branch, name: "周文博" });
  member = await signIn(
    ctx.db,
    await buildUser(ctx.db, { role: "member", at: branch, member: memberRecord }),
  );
  securityAdmin = await signIn(
    ctx.db,
    await buildUser(ctx.db, { role: "security_admin", at: town }),
  );
});

const open = (who: SignedIn | undefined, body: object) =>
  call(app, "POST", "/api/member-accounts", who, body);

const accountOf = async (memberId: number) =>
  (
    await ctx.db.query<{ id: number; username: string; must_change_password: boolean }>(
      "SELECT id, username, must_change_password FROM users WHERE member_id = $1",
      [memberId],
    )
  ).rows[0];

describe("POST /api/member-accounts", () => {
  it("is 401 without a session and 403 for a member or a security administrator", async () => {
    expectError(await open(undefined, { orgId: branch.id }), 401, "unauthorized");
    expectError(await open(member, { orgId: branch.id }), 403, "forbidden");
    expectError(await open(securityAdmin, { orgId: branch.id }), 403, "forbidden");
  });

  it("does not reach a sibling branch's members or org, and opens nothing there", async () => {
    expectError(await open(siblingSecretary, { memberIds: [roster[0]?.id] }), 404, "not_found");
    expectError(await open(siblingSecretary, { orgId: branch.id }), 404, "not_found");
    expectError(await open(secretary, { memberIds: [outsider.id] }), 404, "not_found");
    expect(await accountOf(roster[0]?.id as number)).toBeUndefined();
    expect(await accountOf(outsider.id)).toBeUndefined();
  });

  it("opens one member's account, linked to the record, that must change its password", async () => {
    const first = roster[0] as TestMember;
    const res = await open(secretary, { memberIds: [first.id] });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ alreadyOpen: 0, remaining: 0 });
    expect(body.opened).toEqual([
      {
        memberId: first.id,
        name: "张建国",
        orgName: "桃源镇花园村党支部",
        username: `dy${first.id}`,
        oneTimePassword: expect.stringMatching(/^.{14}$/),
      },
    ]);
    passwords.push(body.opened[0].oneTimePassword);
    const account = await accountOf(first.id);
    expect(account).toMatchObject({ username: `dy${first.id}`, must_change_password: true });

    const signedIn = await loginAs(app, `dy${first.id}`, body.opened[0].oneTimePassword);
    expect(signedIn.stage).toBe("password_change");

    const grants = await ctx.db.query(
      "SELECT role, org_id FROM role_grants WHERE user_id = $1 AND revoked_at IS NULL",
      [account?.id],
    );
    expect(grants.rows).toEqual([{ role: "member", org_id: branch.id }]);
  });

  it("opens every remaining member of the branch at once, and skips those who have one", async () => {
    const res = await open(secretary, { orgId: branch.id });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    // The five left of the roster; the first, the secretary and the member already had one.
    expect(body.opened.map((s: { name: string }) => s.name).sort()).toEqual(NAMES.slice(1).sort());
    expect(body.alreadyOpen).toBe(3);
    for (const slip of body.opened) passwords.push(slip.oneTimePassword);
    expect(new Set(passwords).size).toBe(NAMES.length);
    const again = (await open(secretary, { orgId: branch.id })).json();
    expect(again).toEqual({ opened: [], alreadyOpen: 8, remaining: 0 });
  });

  it("audits each account without its password", async () => {
    const rows = await auditRows(ctx.db, "user.create");
    const mine = rows.filter((r) => roster.some((m) => r.after?.memberId === m.id));
    expect(mine).toHaveLength(NAMES.length);
    for (const row of mine) {
      expect(row.after).toMatchObject({ role: "member", orgId: branch.id });
      expect(JSON.stringify(row)).not.toMatch(/password/i);
    }
    const leaked = await ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events
        WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS p
                       WHERE position(p in coalesce(after::text, '') || coalesce(before::text, '')) > 0)`,
      [passwords],
    );
    expect(passwords).toHaveLength(NAMES.length);
    expect(leaked.rows[0]?.n).toBe(0);
  });

  it("shows on the roster who has an account and who may be given one", async () => {
    const extra = await buildMember(ctx.db, { org: branch, name: "吴晓明" });
    const list = await call(app, "GET", `/api/members?orgId=${branch.id}&pageSize=100`, secretary);
    const byId = new Map(
      list
        .json()
        .items.map((m: { id: number; account: string; can: { openAccount: boolean } }) => [
          m.id,
          m,
        ]),
    );
    expect(byId.get(extra.id)).toMatchObject({ account: "none", can: { openAccount: true } });
    expect(byId.get(roster[1]?.id)).toMatchObject({
      account: "pending",
      can: { openAccount: false },
    });
  });

  it("answers junk bodies with a 4xx naming the field, never a 500", async () => {
    await fuzzRoute(
      app,
      { method: "POST", url: "/api/member-accounts", headers: secretary.headers },
      ["memberIds", "orgId"],
      { runs: 40 },
    );
  });
});
