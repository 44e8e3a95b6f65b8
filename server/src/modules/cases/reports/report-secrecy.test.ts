import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { call, callerWith } from "../../orgs/orgs.fixtures.ts";
import { aReport, type CasesTree, casesTree, fileAReport } from "../cases.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CasesTree;
let caseId: number;
const SECRET = "截图里能看到该账号在周三深夜连续发布了九条歪曲党史的内容";

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await casesTree(ctx);
  caseId = (await fileAReport(app, t.filer, { description: SECRET })).id;
});

/** Every row of the tables an insider with database access reads beside a case. */
async function rowsBesideTheCase(): Promise<string> {
  const tables = await ctx.db.query<{ text: string }>(
    `SELECT json_agg(x)::text AS text FROM (
       SELECT 'cases' AS t, row_to_json(c)::text AS r FROM cases c WHERE c.id = $1
       UNION ALL SELECT 'filers', row_to_json(f)::text FROM case_filers f WHERE f.case_id = $1
       UNION ALL SELECT 'events', row_to_json(e)::text FROM case_events e WHERE e.case_id = $1
       UNION ALL SELECT 'notifications', row_to_json(n)::text FROM notifications n
         WHERE n.source_type = 'case' AND n.source_id = $1::text
       UNION ALL SELECT 'audit', row_to_json(a)::text FROM audit_events a
         WHERE a.entity_type = 'case' AND a.entity_id = $1::text) x`,
    [caseId],
  );
  return tables.rows[0]?.text ?? "";
}

describe("who filed a report stays with the case's handler", () => {
  it("is not in any row beside the case, in clear or as an account id", async () => {
    const rows = await rowsBesideTheCase();
    expect(rows).not.toContain(t.liu.name);
    expect(rows).not.toContain(t.filerUser.username);
    const audit = await ctx.db.query(
      `SELECT actor_user_id, actor_label, ip, request_id FROM audit_events
        WHERE entity_type = 'case' AND entity_id = $1 AND action = 'case.file'`,
      [String(caseId)],
    );
    expect(audit.rows).toEqual([
      { actor_user_id: null, actor_label: "case-filer", ip: null, request_id: null },
    ]);
    const events = await ctx.db.query("SELECT actor_user_id FROM case_events WHERE case_id = $1", [
      caseId,
    ]);
    expect(events.rows.every((e) => e.actor_user_id === null)).toBe(true);
    const notified = await ctx.db.query(
      "SELECT created_by, user_id FROM notifications WHERE source_type = 'case' AND source_id = $1",
      [String(caseId)],
    );
    expect(notified.rows.every((n) => n.created_by === null)).toBe(true);
    expect(notified.rows.map((n) => Number(n.user_id))).not.toContain(t.filerUser.id);
  });

  it("keeps the evidence text out of the database in clear (a dump without the key)", async () => {
    const all = await ctx.db.query<{ hit: boolean }>(
      `SELECT bool_or(position(convert_to($1, 'UTF8') IN e.body) > 0) AS hit FROM case_events e`,
      [SECRET.slice(0, 12)],
    );
    expect(all.rows[0]?.hit).toBe(false);
    expect(await rowsBesideTheCase()).not.toContain(SECRET.slice(0, 12));
  });

  it("is shown to no handler until the assigned one reveals it, and the reveal is audited", async () => {
    const seen = (await call(app, t.branchSecretary, "GET", `/api/cases/${caseId}`)).body;
    expect(seen).not.toContain(t.liu.name);
    expect(seen).toContain(SECRET);
    // Not yet assigned: nobody may reveal.
    expect(
      (await call(app, t.discipline, "POST", `/api/cases/${caseId}/reveal-filer`)).statusCode,
    ).toBe(403);
    await call(app, t.branchSecretary, "POST", `/api/cases/${caseId}/transitions/accept`, {});
    expect(
      (await call(app, t.discipline, "POST", `/api/cases/${caseId}/reveal-filer`)).statusCode,
    ).toBe(403);
    const revealed = await call(
      app,
      t.branchSecretary,
      "POST",
      `/api/cases/${caseId}/reveal-filer`,
    );
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json().name).toBe(t.liu.name);
    const audit = await ctx.db.query(
      "SELECT after FROM audit_events WHERE action = 'case.reveal_filer' AND entity_id = $1",
      [String(caseId)],
    );
    expect(audit.rowCount).toBe(1);
    expect(JSON.stringify(audit.rows)).not.toContain(t.liu.name);
  });

  it("shows the audit administrator the filing without the filer", async () => {
    const auditor = await callerWith(ctx, "audit_admin", t.county);
    const log = await call(app, auditor, "GET", "/api/audit-events?action=case.file");
    expect(log.statusCode).toBe(200);
    expect(log.body).not.toContain(t.liu.name);
    expect(log.body).not.toContain(t.filerUser.username);
  });

  it("takes an anonymous report only where the org allows it, with no identity stored", async () => {
    await ctx.db.query("INSERT INTO case_settings (org_id, allow_anonymous) VALUES ($1, true)", [
      t.town.id,
    ]);
    const res = await call(
      app,
      t.filer,
      "POST",
      "/api/cases/reports",
      aReport({ anonymous: true }),
    );
    expect(res.statusCode).toBe(201);
    const filer = await ctx.db.query(
      "SELECT identity, anonymous FROM case_filers WHERE case_id = $1",
      [res.json().id],
    );
    expect(filer.rows[0]).toEqual({ identity: null, anonymous: true });
    const message = await call(
      app,
      t.branchSecretary,
      "POST",
      `/api/cases/${res.json().id}/notes`,
      {
        text: "请补充截图",
        toFiler: true,
      },
    );
    expect(message.statusCode).toBe(409);
  });
});
