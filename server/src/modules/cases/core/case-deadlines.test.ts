import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { call } from "../../orgs/orgs.fixtures.ts";
import { type CasesTree, casesTree, fileAReport } from "../cases.fixtures.ts";
import { runCaseDeadline } from "./case-deadlines.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CasesTree;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await casesTree(ctx);
});

const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function notifiedOf(caseId: number, kind: string) {
  const rows = await ctx.db.query<{ user_id: string }>(
    "SELECT user_id FROM notifications WHERE source_id = $1 AND kind = $2",
    [String(caseId), kind],
  );
  return rows.rows.map((r) => Number(r.user_id));
}

describe("the acknowledgement deadline", () => {
  it("is queued in the job queue when a report is filed", async () => {
    const r = await fileAReport(app, t.filer);
    const jobs = await ctx.db.query<{ key: string }>(
      "SELECT key FROM graphile_worker.jobs WHERE key LIKE $1 ORDER BY key",
      [`case:${r.id}:%`],
    );
    expect(jobs.rows.map((j) => j.key)).toEqual([
      `case:${r.id}:ack:escalate`,
      `case:${r.id}:ack:remind`,
      `case:${r.id}:feedback:escalate`,
      `case:${r.id}:feedback:remind`,
    ]);
  });

  it("reminds the branch's handlers, then escalates to the town once the day has passed", async () => {
    const r = await fileAReport(app, t.filer);
    const payload = { caseId: r.id, kind: "ack" as const };
    expect(
      await runCaseDeadline(ctx, { ...payload, stage: "remind" }, plusDays(r.ackDueOn, -2)),
    ).toBe("reminded");
    expect(await notifiedOf(r.id, "case.deadline")).toContain(t.secretaryUser.id);
    expect(await runCaseDeadline(ctx, { ...payload, stage: "escalate" }, r.ackDueOn)).toBe(
      "skipped",
    );
    expect(
      await runCaseDeadline(ctx, { ...payload, stage: "escalate" }, plusDays(r.ackDueOn, 1)),
    ).toBe("escalated");
    const up = await notifiedOf(r.id, "case.escalated");
    expect(up).toContain(t.disciplineUser.id);
    expect(up).not.toContain(t.secretaryUser.id);
    const events = await ctx.db.query("SELECT kind FROM case_events WHERE case_id = $1", [r.id]);
    expect(events.rows.map((e) => e.kind)).toContain("escalated");
  });

  it("does nothing once the report was accepted in time", async () => {
    const r = await fileAReport(app, t.filer);
    await call(app, t.branchSecretary, "POST", `/api/cases/${r.id}/transitions/accept`, {});
    expect(
      await runCaseDeadline(
        ctx,
        { caseId: r.id, kind: "ack", stage: "escalate" },
        plusDays(r.ackDueOn, 1),
      ),
    ).toBe("skipped");
    expect(
      await runCaseDeadline(
        ctx,
        { caseId: r.id, kind: "feedback", stage: "escalate" },
        plusDays(r.feedbackDueOn, 1),
      ),
    ).toBe("escalated");
  });
});

describe("history", () => {
  it("is append-only: an edit or a delete of an event is refused by the database", async () => {
    const r = await fileAReport(app, t.filer);
    await expect(
      ctx.db.query("UPDATE case_events SET visible_to_filer = false WHERE case_id = $1", [r.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      ctx.db.query("DELETE FROM case_events WHERE case_id = $1", [r.id]),
    ).rejects.toThrow(/append-only/);
  });
});
