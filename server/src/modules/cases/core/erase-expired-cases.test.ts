import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { call } from "../../orgs/orgs.fixtures.ts";
import { type CasesTree, casesTree, fileAReport } from "../cases.fixtures.ts";
import { eraseExpiredCases } from "./erase-expired-cases.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CasesTree;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await casesTree(ctx);
});

const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function closedReport() {
  const r = await fileAReport(app, t.filer);
  await call(app, t.branchSecretary, "POST", `/api/cases/${r.id}/transitions/decline`, {
    outcome: "not_accepted",
    feedback: "不属于本组织受理范围，请向属地网信部门反映。",
  });
  const row = await ctx.db.query<{ closed_on: string }>(
    "SELECT closed_on::text FROM cases WHERE id = $1",
    [r.id],
  );
  return { id: r.id, closedOn: row.rows[0]?.closed_on ?? "" };
}

describe("retention", () => {
  it("keeps a closed case whole until its period has passed, then erases its personal data", async () => {
    const c = await closedReport();
    expect(await eraseExpiredCases(ctx, plusDays(c.closedOn, 1825))).toBe(0);
    expect(await eraseExpiredCases(ctx, plusDays(c.closedOn, 1826))).toBeGreaterThanOrEqual(1);
    const filer = await ctx.db.query(
      "SELECT identity, filer_digest FROM case_filers WHERE case_id = $1",
      [c.id],
    );
    expect(filer.rows[0]).toEqual({ identity: null, filer_digest: null });
    const bodies = await ctx.db.query(
      "SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND body IS NOT NULL",
      [c.id],
    );
    expect(bodies.rows[0]?.n).toBe(0);
    // What statistics count stays: the case, its outcome and its org.
    const kept = await ctx.db.query(
      "SELECT case_type, outcome, erased_on IS NOT NULL AS erased FROM cases WHERE id = $1",
      [c.id],
    );
    expect(kept.rows[0]).toEqual({ case_type: "report", outcome: "not_accepted", erased: true });
    expect((await call(app, t.filer, "GET", `/api/cases/mine/${c.id}`)).statusCode).toBe(404);
    const audit = await ctx.db.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.erase' AND entity_id = $1",
      [String(c.id)],
    );
    expect(audit.rows[0]?.n).toBe(1);
  });

  it("follows the org's own retention period", async () => {
    await ctx.db.query(
      `INSERT INTO case_settings (org_id, retention_days) VALUES ($1, 60)
       ON CONFLICT (org_id) DO UPDATE SET retention_days = 60`,
      [t.branch.id],
    );
    const c = await closedReport();
    expect(await eraseExpiredCases(ctx, plusDays(c.closedOn, 61))).toBeGreaterThanOrEqual(1);
    const kept = await ctx.db.query(
      "SELECT erased_on IS NOT NULL AS erased FROM cases WHERE id = $1",
      [c.id],
    );
    expect(kept.rows[0]?.erased).toBe(true);
  });
});
