import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import { testApp } from "../../../test/app.ts";
import { buildMember, type TestMember } from "../../../test/factories.ts";
import type { AppContext } from "../../platform/context.ts";
import { auditCount, call, countyTree } from "../orgs/orgs.fixtures.ts";
import { memberInput } from "./members.fixtures.ts";
import {
  ArchiveMemberBody,
  CreateMemberBody,
  ListMembersQuery,
  RevealBody,
  TransferMemberBody,
  UpdateMemberBody,
} from "./members.schemas.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: Awaited<ReturnType<typeof countyTree>>;
let target: TestMember;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await countyTree(ctx);
  target = await buildMember(ctx.db, { org: t.branch, name: "刘海燕" });
});

async function snapshot() {
  const members = await ctx.db.query<{ h: string }>(
    `SELECT md5(string_agg(to_jsonb(m)::text, ',' ORDER BY id)) AS h FROM members m`,
  );
  const history = await ctx.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM member_org_history",
  );
  return { members: members.rows[0]?.h, history: history.rows[0]?.n, audit: await auditCount(ctx) };
}

/**
 * Bodies that look like the real thing with one or more fields replaced by noise, and plain
 * noise: so the checks of each field are reached, not just "not an object".
 */
function bodies(valid: () => Record<string, unknown>) {
  const noise = fc.oneof(
    fc.jsonValue(),
    fc.string(),
    fc.constantFrom(
      "",
      " ",
      null,
      -1,
      0,
      1e21,
      "2024-02-30",
      "19780315",
      "33010219780315101X",
      "1391234567",
      "full",
      "王建国\u0000",
      true,
    ),
  );
  const mutated = fc
    .tuple(
      fc.uniqueArray(fc.constantFrom(...Object.keys(valid()), "extra"), {
        minLength: 1,
        maxLength: 3,
      }),
      fc.array(noise, { minLength: 3, maxLength: 3 }),
    )
    .map(([keys, values]) => {
      const body = valid();
      keys.forEach((k, i) => {
        body[k] = values[i];
      });
      return body;
    });
  return fc.oneof(fc.jsonValue(), mutated);
}

const writes: {
  name: string;
  method: "POST" | "PATCH";
  url: () => string;
  schema: ZodType;
  valid: () => Record<string, unknown>;
}[] = [
  {
    name: "create",
    method: "POST",
    url: () => "/api/members",
    schema: CreateMemberBody,
    valid: () => ({ ...memberInput(t.branch.id, { name: "周文博" }) }),
  },
  {
    name: "update",
    method: "PATCH",
    url: () => `/api/members/${target.id}`,
    schema: UpdateMemberBody,
    valid: () => ({ name: "刘海艳", phone: "13800001111", isCadre: false }),
  },
  {
    name: "transfer",
    method: "POST",
    url: () => `/api/members/${target.id}/transfer`,
    schema: TransferMemberBody,
    valid: () => ({ toOrgId: t.branch.id, reason: "工作调动", date: "2024-01-02" }),
  },
  {
    name: "archive",
    method: "POST",
    url: () => `/api/members/${target.id}/archive`,
    schema: ArchiveMemberBody,
    valid: () => ({ reason: "因病去世" }),
  },
  {
    name: "reveal",
    method: "POST",
    url: () => `/api/members/${target.id}/reveal`,
    schema: RevealBody,
    valid: () => ({ field: "phone", reason: "联系本人" }),
  },
];

describe.each(writes)("random bodies for $name", (w) => {
  it("get a 4xx and write nothing", async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(bodies(w.valid), async (body) => {
        fc.pre(!w.schema.safeParse(body).success);
        const res = await app.inject({
          method: w.method,
          url: w.url(),
          headers: { ...t.secretary.headers, "content-type": "application/json" },
          payload: JSON.stringify(body),
        });
        expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, res.body).toBeLessThan(500);
      }),
      { numRuns: 80 },
    );
    expect(await snapshot()).toEqual(before);
  });
});

describe("random list queries", () => {
  it("are 200 when the schema accepts them and 400 otherwise, never 500", async () => {
    const keys = Object.keys(ListMembersQuery.shape);
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom(...keys, "x"),
          fc.oneof(
            fc.string(),
            fc.constantFrom(
              "1",
              "0",
              "100",
              "101",
              "asc",
              "desc",
              "name",
              "joinedOn",
              "true",
              "full",
              "prefix",
              "%",
              "_",
              "\\",
            ),
          ),
        ),
        async (params) => {
          const qs = new URLSearchParams(params).toString();
          const res = await call(app, t.secretary, "GET", `/api/members?${qs}`);
          expect(res.statusCode, `${qs} → ${res.body}`).toBe(
            ListMembersQuery.safeParse(params).success ? 200 : 400,
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});
