import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import { testApp } from "../../../test/app.ts";
import { expectClientError, sendJson, shapedBodies, tableSnapshot } from "../../../test/fuzz.ts";
import type { AppContext } from "../../platform/context.ts";
import { auditCount, call, countyTree } from "./orgs.fixtures.ts";
import {
  ArchiveOrgBody,
  ChildrenQuery,
  CreateOrgBody,
  MoveOrgBody,
  RenameOrgBody,
  SearchQuery,
} from "./orgs.schemas.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: Awaited<ReturnType<typeof countyTree>>;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await countyTree(ctx);
});

/** The orgs and the audit count: a refused request changes neither. */
async function snapshot() {
  return { orgs: await tableSnapshot(ctx.db, ["orgs"]), audit: await auditCount(ctx) };
}

/** Values near the schema's shape as well as arbitrary JSON, so the fields' own checks are hit. */
const orgValue = fc.oneof(
  fc.jsonValue(),
  fc.string(),
  fc.integer(),
  fc.constantFrom("", " ", "branch", "group", "committee", -1, 0, 1e308, null, "城关镇第一党支部"),
);

const writes: {
  name: string;
  method: "POST" | "PATCH";
  url: () => string;
  schema: ZodType;
  keys: string[];
}[] = [
  {
    name: "create",
    method: "POST",
    url: () => "/api/orgs",
    schema: CreateOrgBody,
    keys: ["parentId", "kind", "name"],
  },
  {
    name: "rename",
    method: "PATCH",
    url: () => `/api/orgs/${t.branch.id}`,
    schema: RenameOrgBody,
    keys: ["name"],
  },
  {
    name: "move",
    method: "POST",
    url: () => `/api/orgs/${t.branch.id}/move`,
    schema: MoveOrgBody,
    keys: ["newParentId"],
  },
  {
    name: "archive",
    method: "POST",
    url: () => `/api/orgs/${t.branch.id}/archive`,
    schema: ArchiveOrgBody,
    keys: ["reason"],
  },
];

describe.each(writes)("random bodies for $name", (w) => {
  it("get a 4xx naming a field and write nothing", async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(shapedBodies(w.keys, orgValue), async (body) => {
        fc.pre(!w.schema.safeParse(body).success);
        const res = await sendJson(
          app,
          { method: w.method, url: w.url(), headers: t.secretary.headers },
          body,
        );
        expectClientError(res);
        expect(res.json().error.code).toBeTypeOf("string");
      }),
      { numRuns: 60 },
    );
    expect(await snapshot()).toEqual(before);
  });
});

const queries: { name: string; path: () => string; schema: ZodType; keys: string[] }[] = [
  {
    name: "search",
    path: () => "/api/orgs/search",
    schema: SearchQuery,
    keys: ["q", "page", "pageSize", "includeArchived"],
  },
  {
    name: "children",
    path: () => `/api/orgs/${t.town.id}/children`,
    schema: ChildrenQuery,
    keys: ["page", "pageSize", "includeArchived"],
  },
];

describe.each(queries)("random query strings for $name", (q) => {
  it("are answered 200 when valid and 400 otherwise, never 500", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom(...q.keys, "x"),
          fc.oneof(
            fc.string(),
            fc.constantFrom("0", "1", "100", "101", "true", "yes", "-3", "%", "_"),
          ),
        ),
        async (params) => {
          const qs = new URLSearchParams(params).toString();
          const res = await call(app, t.secretary, "GET", `${q.path()}?${qs}`);
          const valid = q.schema.safeParse(params).success;
          expect(res.statusCode, `${qs} → ${res.body}`).toBe(valid ? 200 : 400);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("random ids in the path", () => {
  it("are 400 unless they are ids, never 500", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ minLength: 1 }), fc.bigInt(), fc.double().map(String)),
        async (raw) => {
          const res = await call(
            app,
            t.secretary,
            "GET",
            `/api/orgs/${encodeURIComponent(String(raw))}`,
          );
          const expected = /^[1-9][0-9]{0,14}$/.test(String(raw)) ? [200, 404] : [400, 404];
          expect(expected).toContain(res.statusCode);
        },
      ),
      { numRuns: 60 },
    );
  });
});
