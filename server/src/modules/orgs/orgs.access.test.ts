import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import type { AppContext } from "../../platform/context.ts";
import {
  type AccessRoute,
  anonymous,
  auditCount,
  type Caller,
  countyTree,
  sendRoute,
} from "./orgs.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: Awaited<ReturnType<typeof countyTree>>;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await countyTree(ctx);
});

/** Every org route, aimed at the 城关镇 subtree. */
const routes: AccessRoute[] = [
  { name: "roots", method: "GET", url: () => "/api/orgs/roots", sibling: "empty" },
  {
    name: "search",
    method: "GET",
    url: () => `/api/orgs/search?q=${encodeURIComponent("城关镇")}`,
    sibling: "empty",
  },
  { name: "detail", method: "GET", url: () => `/api/orgs/${t.branch.id}`, sibling: "404" },
  {
    name: "children",
    method: "GET",
    url: () => `/api/orgs/${t.town.id}/children`,
    sibling: "404",
  },
  {
    name: "create",
    method: "POST",
    url: () => "/api/orgs",
    body: () => ({ parentId: t.town.id, kind: "branch", name: "城关镇第二党支部" }),
    sibling: "404",
  },
  {
    name: "rename",
    method: "PATCH",
    url: () => `/api/orgs/${t.branch.id}`,
    body: () => ({ name: "城关镇第一党支部（更名）" }),
    sibling: "404",
  },
  {
    name: "move",
    method: "POST",
    url: () => `/api/orgs/${t.branch.id}/move`,
    body: () => ({ newParentId: t.otherTown.id }),
    sibling: "404",
  },
  {
    name: "archive",
    method: "POST",
    url: () => `/api/orgs/${t.branch.id}/archive`,
    body: () => ({ reason: "撤并" }),
    sibling: "404",
  },
];

const send = (who: Caller, r: AccessRoute) => sendRoute(app, who, r);

describe.each(routes)("$method $name", (r) => {
  it("is 401 without a session", async () => {
    const res = await send(anonymous, r);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("unauthorized");
  });

  it("is 403 for a member-role user", async () => {
    const before = await auditCount(ctx);
    const res = await send(t.member, r);
    expect(res.statusCode).toBe(403);
    expect(await auditCount(ctx)).toBe(before);
  });

  it("shows the sibling town's secretary nothing and lets them change nothing", async () => {
    const before = await auditCount(ctx);
    const res = await send(t.siblingSecretary, r);
    if (r.sibling === "404") {
      expect(res.statusCode).toBe(404);
    } else {
      expect(res.statusCode).toBe(200);
      const ids = res.json().items.map((o: { id: number }) => o.id);
      for (const id of [t.county.id, t.town.id, t.branch.id]) expect(ids).not.toContain(id);
    }
    expect(await auditCount(ctx)).toBe(before);
  });
});

describe("read-only roles", () => {
  it("lets a propaganda officer read the subtree but not change it", async () => {
    for (const r of routes) {
      const res = await send(t.propaganda, r);
      expect(res.statusCode, r.name).toBe(r.method === "GET" ? 200 : 403);
    }
  });
});
