import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildMember, type TestMember } from "../../../test/factories.ts";
import type { AppContext } from "../../platform/context.ts";
import {
  type AccessRoute,
  anonymous,
  auditCount,
  type Caller,
  call,
  countyTree,
  sendRoute,
} from "../orgs/orgs.fixtures.ts";
import { memberInput } from "./members.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: Awaited<ReturnType<typeof countyTree>>;
let target: TestMember;
let second: Awaited<ReturnType<typeof buildMember>>;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await countyTree(ctx);
  target = await buildMember(ctx.db, { org: t.branch, name: "李秀英" });
  second = await buildMember(ctx.db, { org: t.branch, name: "张志强" });
});

/** Every member route, aimed at the 城关镇 subtree (except /me, which is everyone's own). */
const routes: AccessRoute[] = [
  { name: "list", method: "GET", url: () => "/api/members", sibling: "empty" },
  {
    name: "list by org",
    method: "GET",
    url: () => `/api/members?orgId=${t.branch.id}`,
    sibling: "empty",
  },
  { name: "detail", method: "GET", url: () => `/api/members/${target.id}`, sibling: "404" },
  {
    name: "create",
    method: "POST",
    url: () => "/api/members",
    body: () => memberInput(t.branch.id, { name: "陈卫东" }),
    sibling: "404",
  },
  {
    name: "update",
    method: "PATCH",
    url: () => `/api/members/${target.id}`,
    body: () => ({ name: "李秀云" }),
    sibling: "404",
  },
  {
    name: "transfer",
    method: "POST",
    url: () => `/api/members/${target.id}/transfer`,
    body: () => ({ toOrgId: t.otherBranch.id, reason: "工作调动", date: "2024-01-02" }),
    sibling: "404",
  },
  {
    name: "archive",
    method: "POST",
    url: () => `/api/members/${second.id}/archive`,
    body: () => ({ reason: "因病去世" }),
    sibling: "404",
  },
  {
    name: "reveal",
    method: "POST",
    url: () => `/api/members/${target.id}/reveal`,
    body: () => ({ field: "idNumber", reason: "核对身份" }),
    sibling: "404",
  },
];

const send = (who: Caller, r: AccessRoute) => sendRoute(app, who, r);

describe.each(routes)("$method $name", (r) => {
  it("is 401 without a session", async () => {
    expect((await send(anonymous, r)).statusCode).toBe(401);
  });

  it("is 403 for a member-role user, writing nothing", async () => {
    const before = await auditCount(ctx);
    expect((await send(t.member, r)).statusCode).toBe(403);
    expect(await auditCount(ctx)).toBe(before);
  });

  it("shows the sibling town's secretary nothing and lets them change nothing", async () => {
    const before = await auditCount(ctx);
    const res = await send(t.siblingSecretary, r);
    if (r.sibling === "404") {
      expect(res.statusCode, res.body).toBe(404);
    } else {
      expect(res.statusCode).toBe(200);
      const ids = res.json().items.map((m: { id: number }) => m.id);
      expect(ids).not.toContain(target.id);
      expect(ids).not.toContain(t.self.id);
      expect(res.json().total).toBe(0);
    }
    expect(await auditCount(ctx)).toBe(before);
  });
});

describe("GET /members/me", () => {
  it("is 401 without a session and the caller's own record otherwise", async () => {
    expect((await call(app, anonymous, "GET", "/api/members/me")).statusCode).toBe(401);
    const me = await call(app, t.member, "GET", "/api/members/me");
    expect(me.json().id).toBe(t.self.id);
  });
});
