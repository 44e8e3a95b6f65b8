import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import { buildMember } from "../../../../test/factories.ts";
import type { AppContext } from "../../../platform/context.ts";
import { anonymous, type Caller, call, callerWith } from "../../orgs/orgs.fixtures.ts";
import { aReport, type CasesTree, casesTree } from "../cases.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CasesTree;
let siblingMember: Caller;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await casesTree(ctx);
  const sun = await buildMember(ctx.db, { org: t.otherBranch, name: "孙丽华" });
  siblingMember = await callerWith(ctx, "member", t.otherBranch, sun);
  await buildMember(ctx.db, { org: t.town, name: "陈国栋" });
  const archived = await buildMember(ctx.db, { org: t.branch, name: "陈立新" });
  await ctx.db.query("UPDATE members SET archived_at = now() WHERE id = $1", [archived.id]);
});

const search = (who: Caller, name: string) =>
  call(app, who, "GET", `/api/cases/reports/subject-candidates?name=${encodeURIComponent(name)}`);

describe("picking the member a report concerns", () => {
  it("finds active members of the filer's own branch by name, id and name only", async () => {
    const res = await search(t.filer, "陈");
    expect(res.statusCode).toBe(200);
    // 陈国栋 is in the town above and 陈立新 is archived: neither can be picked.
    expect(res.json().items).toEqual([{ id: t.chen.id, name: "陈晓明" }]);
    const filed = await call(
      app,
      t.filer,
      "POST",
      "/api/cases/reports",
      aReport({ subjectMemberId: res.json().items[0].id }),
    );
    expect(filed.statusCode).toBe(201);
  });

  it("leaves the filer out and treats % and _ as letters", async () => {
    expect((await search(t.filer, "刘红梅")).json().items).toEqual([]);
    expect((await search(t.filer, "%")).json().items).toEqual([]);
  });

  it("shows a member of a sibling branch nothing of this branch, and this branch nothing of theirs", async () => {
    const res = await search(siblingMember, "陈晓明");
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
    expect((await search(t.filer, "孙丽华")).json().items).toEqual([]);
  });

  it("refuses without a session (401) and an account that cannot file (403)", async () => {
    expect((await search(anonymous, "陈")).statusCode).toBe(401);
    expect((await search(t.admin, "陈")).statusCode).toBe(403);
  });

  it("refuses a missing or overlong name with the field (400)", async () => {
    const none = await call(app, t.filer, "GET", "/api/cases/reports/subject-candidates");
    expect(none.statusCode).toBe(400);
    const long = await search(t.filer, "陈".repeat(21));
    expect(long.statusCode).toBe(400);
    expect(long.json().error.field).toBe("name");
  });
});
