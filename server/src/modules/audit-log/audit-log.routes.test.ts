import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildOrg, buildUser, type SignedIn, signIn } from "../../../test/factories.ts";
import { recordAudit, systemActor } from "../../platform/audit/record.ts";
import type { AppContext } from "../../platform/context.ts";
import { withTx } from "../../platform/db/pool.ts";

let app: FastifyInstance;
let ctx: AppContext;
let auditor: SignedIn;
let siblingAuditor: SignedIn;
let secretary: SignedIn;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  const city = await buildOrg(ctx.db, { name: "中共青山市委员会" });
  const county = await buildOrg(ctx.db, {
    parent: city,
    kind: "committee",
    name: "中共东湖县委员会",
  });
  const branch = await buildOrg(ctx.db, { parent: county, name: "东湖镇机关党支部" });
  const otherCity = await buildOrg(ctx.db, { name: "中共白沙市委员会" });
  auditor = await signIn(ctx.db, await buildUser(ctx.db, { role: "audit_admin", at: county }));
  siblingAuditor = await signIn(
    ctx.db,
    await buildUser(ctx.db, { role: "audit_admin", at: otherCity }),
  );
  secretary = await signIn(ctx.db, await buildUser(ctx.db, { role: "secretary", at: county }));
  await withTx(ctx.db, async (tx) => {
    await recordAudit(tx, systemActor, {
      action: "member.create",
      entityType: "member",
      entityId: 1,
      orgPath: branch.path,
      after: { name: "王建国" },
    });
    await recordAudit(tx, systemActor, {
      action: "member.create",
      entityType: "member",
      entityId: 2,
      orgPath: city.path,
    });
  });
});

const list = (who: SignedIn | null, query = "") =>
  app.inject({ method: "GET", url: `/api/audit-events${query}`, headers: who?.headers ?? {} });

describe("GET /api/audit-events", () => {
  it("shows the auditor the events of their subtree only", async () => {
    const res = await list(auditor, "?action=member.");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((e: { after: { name?: string } | null }) => e.after?.name)).toEqual([
      "王建国",
    ]);
    expect(body.total).toBe(1);
  });

  it("shows an auditor of a sibling city nothing", async () => {
    const res = await list(siblingAuditor, "?action=member.");
    expect(res.json()).toEqual({ items: [], total: 0 });
  });

  it("refuses a secretary (403) and an anonymous caller (401)", async () => {
    expect((await list(secretary)).statusCode).toBe(403);
    expect((await list(null)).statusCode).toBe(401);
  });

  it("answers random query strings with 200 or 400, never 500", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom("page", "pageSize", "action", "actions", "q", "from", "to", "orgId", "x"),
          fc.string(),
        ),
        async (query) => {
          const res = await app.inject({
            method: "GET",
            url: "/api/audit-events",
            query,
            headers: auditor.headers,
          });
          expect([200, 400]).toContain(res.statusCode);
          if (res.statusCode === 400) expect(res.json().error.field).toBeTruthy();
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("GET /api/audit-events/verify", () => {
  it("reports an intact chain, then names a row changed in SQL", async () => {
    const ok = await app.inject({
      method: "GET",
      url: "/api/audit-events/verify",
      headers: auditor.headers,
    });
    expect(ok.json()).toMatchObject({ ok: true });
    await withTx(ctx.db, async (tx) => {
      await tx.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only");
      await tx.query(`UPDATE audit_events SET after = '{"name":"李四"}' WHERE chain_seq = 1`);
      await tx.query("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only");
    });
    const broken = await app.inject({
      method: "GET",
      url: "/api/audit-events/verify",
      headers: auditor.headers,
    });
    expect(broken.json()).toMatchObject({ ok: false, brokenAt: { chainSeq: 1 } });
  });
});
