import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import { buildMember } from "../../../../test/factories.ts";
import type { AppContext } from "../../../platform/context.ts";
import { anonymous, type Caller, call, callerWith } from "../../orgs/orgs.fixtures.ts";
import { type CasesTree, casesTree, fileAReport } from "../cases.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CasesTree;
let otherTownMember: Caller;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await casesTree(ctx);
  const sun = await buildMember(ctx.db, { org: t.otherBranch, name: "孙丽华" });
  otherTownMember = await callerWith(ctx, "member", t.otherBranch, sun);
});

const FEEDBACK = "您反映的问题与本组织已受理的举报相同，已合并办理，结果将一并答复。";

const markDuplicate = (who: Caller, id: number, body: Record<string, unknown>) =>
  call(app, who, "POST", `/api/cases/${id}/transitions/mark_duplicate`, {
    feedback: FEEDBACK,
    ...body,
  });

describe("a report marked as a duplicate of another case", () => {
  it("closes with the outcome 重复, links both cases and queues the filer's batched notice", async () => {
    const first = await fileAReport(app, t.filer);
    const again = await fileAReport(app, t.chenCaller);
    const res = await markDuplicate(t.branchSecretary, again.id, { duplicateOf: first.id });
    expect(res.statusCode).toBe(200);
    const row = await ctx.db.query(
      "SELECT state, outcome, closed_on IS NOT NULL AS closed FROM cases WHERE id = $1",
      [again.id],
    );
    expect(row.rows[0]).toEqual({ state: "closed", outcome: "duplicate", closed: true });
    const link = await ctx.db.query(
      "SELECT to_case_id::int AS to FROM case_links WHERE from_case_id = $1 AND link_type = 'duplicate_of'",
      [again.id],
    );
    expect(link.rows[0]?.to).toBe(first.id);
    const notice = await ctx.db.query("SELECT 1 FROM case_filer_notices WHERE case_id = $1", [
      again.id,
    ]);
    expect(notice.rowCount).toBe(1);
    const mine = (await call(app, t.chenCaller, "GET", `/api/cases/mine/${again.id}`)).json();
    expect(mine.outcomeLabel).toBe("重复");
    // The filer reads the reply, never the other case's number.
    expect(JSON.stringify(mine)).toContain(FEEDBACK);
    expect(JSON.stringify(mine)).not.toContain(first.number);
    const detail = (await call(app, t.branchSecretary, "GET", `/api/cases/${first.id}`)).json();
    expect(detail.links.map((l: { caseId: number }) => l.caseId)).toContain(again.id);
  });

  it("refuses a case outside the handler's scope, itself, or none, in one message (400)", async () => {
    const report = await fileAReport(app, t.filer);
    const elsewhere = await fileAReport(app, otherTownMember);
    for (const duplicateOf of [elsewhere.id, report.id, 999_999_999, undefined]) {
      const res = await markDuplicate(t.branchSecretary, report.id, { duplicateOf });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.field).toBe("duplicateOf");
    }
    const noReply = await markDuplicate(t.branchSecretary, report.id, {
      duplicateOf: elsewhere.id,
      feedback: undefined,
    });
    expect(noReply.statusCode).toBe(400);
    // 重复 comes only with the link: declining with it is refused.
    const declined = await call(
      app,
      t.branchSecretary,
      "POST",
      `/api/cases/${report.id}/transitions/decline`,
      { outcome: "duplicate", feedback: FEEDBACK },
    );
    expect(declined.statusCode).toBe(400);
    expect(declined.json().error.field).toBe("outcome");
    const choices = (await call(app, t.branchSecretary, "GET", `/api/cases/${report.id}`)).json();
    expect(choices.outcomes.map((o: { code: string }) => o.code)).not.toContain("duplicate");
    const state = await ctx.db.query("SELECT state FROM cases WHERE id = $1", [report.id]);
    expect(state.rows[0]?.state).toBe("submitted");
  });

  it("refuses without a session (401), a member (403) and the other town, which sees nothing (404)", async () => {
    const first = await fileAReport(app, t.filer);
    const again = await fileAReport(app, t.filer);
    const body = { duplicateOf: first.id };
    expect((await markDuplicate(anonymous, again.id, body)).statusCode).toBe(401);
    expect((await markDuplicate(t.chenCaller, again.id, body)).statusCode).toBe(403);
    expect((await markDuplicate(t.siblingDiscipline, again.id, body)).statusCode).toBe(404);
  });
});
