import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import { testApp } from "../../../test/app.ts";
import { buildMember, type TestMember } from "../../../test/factories.ts";
import {
  expectClientError,
  junkBodies,
  noise,
  sendJson,
  tableSnapshot,
} from "../../../test/fuzz.ts";
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

/** The members, their org history and the audit count: a refused request changes none. */
async function snapshot() {
  return {
    tables: await tableSnapshot(ctx.db, ["members", "member_org_history"]),
    audit: await auditCount(ctx),
  };
}

/** Near-misses for member fields: dates, ID and phone numbers, statuses. */
const memberNoise = noise(
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
);

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
      fc.asyncProperty(junkBodies(w.valid, memberNoise), async (body) => {
        fc.pre(!w.schema.safeParse(body).success);
        const res = await sendJson(
          app,
          { method: w.method, url: w.url(), headers: t.secretary.headers },
          body,
        );
        expectClientError(res);
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
