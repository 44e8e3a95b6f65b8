/**
 * What a county's auditor can see of attempts and looks (issue 17): refused requests, reads of
 * another person's record, and exports, each at the org path of what it touched.
 */
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildMember, buildUser, signIn } from "../../../test/factories.ts";
import type { AppContext } from "../../platform/context.ts";
import { memberInput } from "../members/members.fixtures.ts";
import { anonymous, type Caller, call, callerWith, countyTree } from "../orgs/orgs.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: Awaited<ReturnType<typeof countyTree>>;
let countyAuditor: Caller;
let siblingAuditor: Caller;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await countyTree(ctx, "审计");
  countyAuditor = await callerWith(ctx, "audit_admin", t.county);
  siblingAuditor = await callerWith(ctx, "audit_admin", t.otherTown);
});

async function rows(action: string, requestId: string) {
  const r = await ctx.db.query<{
    actor_label: string;
    entity_id: string | null;
    org_path: string | null;
    after: Record<string, unknown> | null;
  }>(
    `SELECT actor_label, entity_id, org_path::text AS org_path, after FROM audit_events
      WHERE action = $1 AND request_id = $2`,
    [action, requestId],
  );
  return r.rows;
}

/** Whether this auditor's audit page lists the row the request wrote. */
async function seenBy(auditor: Caller, action: string, requestId: string): Promise<boolean> {
  const row = await ctx.db.query<{ id: number }>(
    "SELECT id FROM audit_events WHERE action = $1 AND request_id = $2",
    [action, requestId],
  );
  expect(row.rows).toHaveLength(1);
  const res = await call(app, auditor, "GET", `/api/audit-events?pageSize=100&action=${action}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.some((e: { id: number }) => e.id === row.rows[0]?.id);
}

describe("refused requests", () => {
  it("audits a 403 at the caller's org, for their county's auditor and not the sibling's", async () => {
    const res = await call(app, t.propaganda, "POST", "/api/members", memberInput(t.branch.id));
    expect(res.statusCode).toBe(403);
    const id = res.headers["x-request-id"] as string;
    const [row] = await rows("access.refused", id);
    expect(row).toMatchObject({
      entity_id: "POST /api/members",
      org_path: t.town.path,
      after: { status: 403, code: "forbidden" },
    });
    expect(row?.actor_label).not.toBe("anonymous");
    expect(await seenBy(countyAuditor, "access.refused", id)).toBe(true);
    expect(await seenBy(siblingAuditor, "access.refused", id)).toBe(false);
  });

  it("audits a 401 with the route and the ids asked for, unscoped", async () => {
    const res = await call(app, anonymous, "GET", `/api/members/${t.self.id}`);
    expect(res.statusCode).toBe(401);
    const [row] = await rows("access.refused", res.headers["x-request-id"] as string);
    expect(row).toMatchObject({
      actor_label: "anonymous",
      entity_id: "GET /api/members/:id",
      org_path: null,
      after: { status: 401, params: { id: String(t.self.id) } },
    });
  });

  it("audits a 404 for a record outside the caller's scope, like a 403, at the caller's org", async () => {
    const res = await call(app, t.siblingSecretary, "GET", `/api/members/${t.self.id}`);
    expect(res.statusCode).toBe(404);
    const id = res.headers["x-request-id"] as string;
    const [row] = await rows("access.refused", id);
    expect(row).toMatchObject({
      entity_id: "GET /api/members/:id",
      org_path: t.otherTown.path,
      after: { status: 404, params: { id: t.self.id } },
    });
    expect(await seenBy(countyAuditor, "access.refused", id)).toBe(true);
    // A 404 without a session is a 401 first; an unknown route names no record: no row.
    const unknown = await call(app, t.secretary, "GET", "/api/no-such-thing");
    expect(unknown.statusCode).toBe(404);
    expect(await rows("access.refused", unknown.headers["x-request-id"] as string)).toEqual([]);
  });

  it("leaves sign-in's own refusals to sign-in, and writes nothing for a granted request", async () => {
    const wrong = await call(app, anonymous, "POST", "/api/auth/login", {
      username: "nobody_here",
      password: "Qiushui#Huangting7351",
    });
    expect(wrong.statusCode).toBe(401);
    expect(await rows("access.refused", wrong.headers["x-request-id"] as string)).toEqual([]);
    const ok = await call(app, t.secretary, "GET", "/api/members");
    expect(ok.statusCode).toBe(200);
    expect(await rows("access.refused", ok.headers["x-request-id"] as string)).toEqual([]);
  });
});

describe("reads of sensitive records", () => {
  it("audits a secretary opening another member's record, in the member's branch", async () => {
    const res = await call(app, t.secretary, "GET", `/api/members/${t.self.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const id = res.headers["x-request-id"] as string;
    expect(await rows("member.read", id)).toEqual([
      expect.objectContaining({ entity_id: String(t.self.id), org_path: t.branch.path }),
    ]);
    const own = await call(app, t.member, "GET", "/api/members/me");
    expect(own.statusCode, own.body).toBe(200);
    expect(await rows("member.read", own.headers["x-request-id"] as string)).toEqual([]);
  });

  it("audits a reveal at the member's branch", async () => {
    const res = await call(app, t.secretary, "POST", `/api/members/${t.self.id}/reveal`, {
      field: "phone",
      reason: "通知参加组织生活会",
    });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await rows("member.reveal", res.headers["x-request-id"] as string);
    expect(row?.org_path).toBe(t.branch.path);
  });
});

describe("exports carry the org path of what they exported", () => {
  it("names the branch a roster export was filtered to", async () => {
    const res = await call(app, t.secretary, "GET", `/api/roster/export?orgId=${t.branch.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await rows("roster.export", res.headers["x-request-id"] as string);
    expect(row?.org_path).toBe(t.branch.path);
  });

  it("names the county when one secretary's grants span both towns, so neither town's auditor alone sees it", async () => {
    await buildMember(ctx.db, { org: t.otherBranch, name: "郑春燕" });
    const user = await buildUser(ctx.db, { role: "secretary", at: t.town });
    await ctx.db.query(
      "INSERT INTO role_grants (user_id, role, org_id) VALUES ($1, 'secretary', $2)",
      [user.id, t.otherTown.id],
    );
    const both = { headers: (await signIn(ctx.db, user)).headers };
    const res = await call(app, both, "GET", "/api/roster/export");
    expect(res.statusCode, res.body).toBe(200);
    const id = res.headers["x-request-id"] as string;
    const [row] = await rows("roster.export", id);
    expect(row?.org_path).toBe(t.county.path);
    expect(await seenBy(siblingAuditor, "roster.export", id)).toBe(false);
    expect(await seenBy(countyAuditor, "roster.export", id)).toBe(true);
  });
});

describe("a flood of refusals", () => {
  it("writes at most 30 rows a minute from one address", async () => {
    const before = await ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'access.refused'",
    );
    for (let i = 0; i < 45; i += 1) {
      expect((await call(app, anonymous, "GET", "/api/members")).statusCode).toBe(401);
    }
    const after = await ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'access.refused'",
    );
    const written = (after.rows[0]?.n ?? 0) - (before.rows[0]?.n ?? 0);
    expect(written).toBeGreaterThan(0);
    expect((before.rows[0]?.n ?? 0) + written).toBeLessThanOrEqual(30);
  });
});

describe("the auditor's own reads", () => {
  it("records each list and each verification, where the auditor above sees it", async () => {
    const list = await call(
      app,
      siblingAuditor,
      "GET",
      "/api/audit-events?pageSize=5&action=member.read",
    );
    expect(list.statusCode, list.body).toBe(200);
    const [read] = await rows("audit.read", list.headers["x-request-id"] as string);
    expect(read).toMatchObject({
      org_path: t.otherTown.path,
      after: { query: { pageSize: 5, action: "member.read" }, shown: list.json().items.length },
    });
    expect(await seenBy(countyAuditor, "audit.read", list.headers["x-request-id"] as string)).toBe(
      true,
    );
    const verify = await call(app, countyAuditor, "GET", "/api/audit-events/verify");
    expect(verify.statusCode, verify.body).toBe(200);
    const [verified] = await rows("audit.verify", verify.headers["x-request-id"] as string);
    expect(verified).toMatchObject({ org_path: t.county.path, after: { ok: true } });
  });
});
