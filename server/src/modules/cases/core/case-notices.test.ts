import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import type { AppContext } from "../../../platform/context.ts";
import { call, callerWith } from "../../orgs/orgs.fixtures.ts";
import { aReport, type CasesTree, casesTree, fileAReport } from "../cases.fixtures.ts";
import { runCaseDeadline } from "./case-deadlines.ts";
import { sendFilerNotices } from "./filer-notices.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: CasesTree;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await casesTree(ctx);
});

const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function inbox(userId: number, kind: string) {
  const rows = await ctx.db.query(
    `SELECT title, link, source_type, source_id, org_path, created_by FROM notifications
      WHERE user_id = $1 AND kind = $2 ORDER BY id`,
    [userId, kind],
  );
  return rows.rows;
}

async function notifiedOf(caseId: number, kind: string) {
  const rows = await ctx.db.query<{ user_id: number }>(
    "SELECT user_id FROM notifications WHERE source_id = $1 AND kind = $2",
    [String(caseId), kind],
  );
  return rows.rows.map((r) => Number(r.user_id));
}

describe("the filer's receipt", () => {
  it("is the answer to the filing, with the case number; no inbox row ties the filer to it", async () => {
    const r = await fileAReport(app, t.filer);
    expect(r.number).toMatch(/^JB-\d{4}-\d{6}$/);
    const rows = await ctx.db.query("SELECT 1 FROM notifications WHERE user_id = $1", [
      t.filerUser.id,
    ]);
    expect(rows.rowCount).toBe(0);
  });
});

describe("messages from the filer", () => {
  it("reach the org's handlers before anyone took the case, then only its handler", async () => {
    const r = await fileAReport(app, t.filer);
    const write = () =>
      call(app, t.filer, "POST", `/api/cases/mine/${r.id}/messages`, {
        text: "补充：该账号今天又发布了一条同样内容的视频。",
      });
    expect((await write()).statusCode).toBe(200);
    expect(await notifiedOf(r.id, "case.filer_wrote")).toEqual([t.secretaryUser.id]);
    await call(app, t.branchSecretary, "POST", `/api/cases/${r.id}/assign`, {
      userId: t.disciplineUser.id,
    });
    await write();
    expect(await notifiedOf(r.id, "case.filer_wrote")).toEqual([
      t.secretaryUser.id,
      t.disciplineUser.id,
    ]);
    const [row] = await inbox(t.disciplineUser.id, "case.filer_wrote");
    expect(row).toMatchObject({ link: `/cases/${r.id}`, created_by: null });
    expect(JSON.stringify(row)).not.toContain(t.liu.name);
  });
});

describe("news for the filer", () => {
  it("waits for the batch, then is one inbox message naming no case", async () => {
    await sendFilerNotices(ctx);
    const a = await fileAReport(app, t.filer);
    const b = await fileAReport(app, t.filer);
    await call(app, t.branchSecretary, "POST", `/api/cases/${a.id}/notes`, {
      text: "请补充该视频的发布时间截图。",
      toFiler: true,
    });
    await call(app, t.branchSecretary, "POST", `/api/cases/${b.id}/transitions/accept`, {});
    // An internal note is not news for the filer.
    await call(app, t.branchSecretary, "POST", `/api/cases/${b.id}/notes`, { text: "内部：待核" });
    expect(await inbox(t.filerUser.id, "case.filer_update")).toEqual([]);

    expect(await sendFilerNotices(ctx)).toBe(1);
    const rows = await inbox(t.filerUser.id, "case.filer_update");
    expect(rows).toEqual([
      {
        title: expect.stringContaining("举报与保护申请"),
        link: "/my-cases",
        source_type: null,
        source_id: null,
        org_path: null,
        created_by: null,
      },
    ]);
    expect(rows[0].title).not.toContain(a.number);
    expect(await sendFilerNotices(ctx)).toBe(0);
  });

  it("does not reach an anonymous filer, who cannot be contacted", async () => {
    await ctx.db.query(
      "INSERT INTO case_settings (org_id, allow_anonymous) VALUES ($1, true) ON CONFLICT DO NOTHING",
      [t.branch.id],
    );
    await sendFilerNotices(ctx);
    const res = await call(
      app,
      t.filer,
      "POST",
      "/api/cases/reports",
      aReport({ anonymous: true }),
    );
    await call(
      app,
      t.branchSecretary,
      "POST",
      `/api/cases/${res.json().id}/transitions/accept`,
      {},
    );
    expect(await sendFilerNotices(ctx)).toBe(0);
    const pending = await ctx.db.query("SELECT 1 FROM case_filer_notices");
    expect(pending.rowCount).toBe(0);
  });
});

describe("deadline notices", () => {
  it("remind only the assigned handler once there is one", async () => {
    const r = await fileAReport(app, t.filer);
    await call(app, t.branchSecretary, "POST", `/api/cases/${r.id}/transitions/accept`, {});
    await call(app, t.branchSecretary, "POST", `/api/cases/${r.id}/assign`, {
      userId: t.disciplineUser.id,
    });
    expect(
      await runCaseDeadline(
        ctx,
        { caseId: r.id, kind: "feedback", stage: "remind" },
        plusDays(r.feedbackDueOn, -7),
      ),
    ).toBe("reminded");
    expect(await notifiedOf(r.id, "case.deadline")).toEqual([t.disciplineUser.id]);
    const [row] = await inbox(t.disciplineUser.id, "case.deadline");
    expect(row?.title).toContain(r.number);
  });

  it("escalate a case about a secretary, already one level up, to the level above that", async () => {
    const county = await callerWith(ctx, "discipline_officer", t.county);
    const countyUser = await ctx.db.query<{ user_id: number }>(
      `SELECT user_id FROM role_grants WHERE org_id = $1 AND role = 'discipline_officer'`,
      [t.county.id],
    );
    const r = await fileAReport(app, t.filer, { subjectMemberId: t.zhao.id });
    expect(
      await runCaseDeadline(
        ctx,
        { caseId: r.id, kind: "ack", stage: "escalate" },
        plusDays(r.ackDueOn, 1),
      ),
    ).toBe("escalated");
    const up = await notifiedOf(r.id, "case.escalated");
    expect(up).toEqual(countyUser.rows.map((u) => Number(u.user_id)));
    expect(up).not.toContain(t.disciplineUser.id);
    expect(up).not.toContain(t.secretaryUser.id);
    const detail = (await call(app, county, "GET", `/api/cases/${r.id}`)).json();
    expect(detail.events.map((e: { kind: string }) => e.kind)).toContain("escalated");
  });
});
