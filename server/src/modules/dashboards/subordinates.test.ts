import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildMember, buildOrg } from "../../../test/factories.ts";
import { printWithLibreOffice } from "../../../test/libreoffice.ts";
import type { AppContext } from "../../platform/context.ts";
import { type Caller, call, callerWith } from "../orgs/orgs.fixtures.ts";
import { fillAndSubmit, scheduleMeeting, selfReviewOf } from "../review/review.fixtures.ts";
import { foldRollups } from "../rollups/fold-rollups.ts";
import {
  approvedBank,
  keyOf,
  publishedCampaign,
  studyWorld,
  type World,
} from "../study/study.fixtures.ts";

let app: FastifyInstance;
let ctx: AppContext;
let w: World;
let countySecretary: Caller;
const YEAR = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  w = await studyWorld(ctx, "对比");
  countySecretary = await callerWith(ctx, "secretary", w.county);
  // The town: two branches, one met this year and its member passed; the other did neither.
  await buildOrg(ctx.db, { parent: w.town, kind: "branch", name: "对比城关镇第二党支部" });
  await approvedBank(app, w);
  const campaignId = await publishedCampaign(app, w, { title: "网络行为规定专题测试" });
  const paper = (
    await call(app, w.member, "POST", `/api/study/tasks/${campaignId}/attempts`, {})
  ).json();
  const passed = await call(app, w.member, "POST", `/api/study/attempts/${paper.id}/submit`, {
    answers: await keyOf(ctx, paper.id),
  });
  if (passed.statusCode !== 200) throw new Error(passed.body);
  const meeting = await scheduleMeeting(app, w.secretary, w.branch.id, {
    heldOn: today,
    topic: `${YEAR}年度组织生活会`,
    rectifyBy: `${YEAR + 1}-03-31`,
  });
  const res = await fillAndSubmit(app, w.member, selfReviewOf(meeting, w.self.id), [1, 2]);
  if (res.statusCode !== 200) throw new Error(res.body);
  // The other town: three members, none studied, its one branch never met.
  for (const name of ["刘晓梅", "陈志强", "赵丽娟"]) {
    await buildMember(ctx.db, { org: w.otherBranch, name });
  }
  // Member counts come from the rollups, as of the last fold.
  await foldRollups(ctx.db);
});

/** The same figures counted one plain query each, for one child org's subtree. */
async function direct(path: string) {
  const one = async (sql: string, params: unknown[] = []) =>
    (await ctx.db.query<{ n: number }>(sql, [path, ...params])).rows[0]?.n ?? 0;
  return {
    members: await one(
      "SELECT count(*)::int AS n FROM members WHERE org_path <@ $1::ltree AND archived_at IS NULL",
    ),
    passed: await one(
      `SELECT count(DISTINCT member_id)::int AS n FROM study_attempts
        WHERE org_path <@ $1::ltree AND passed AND extract(year FROM submitted_at) = $2`,
      [YEAR],
    ),
    branches: await one(
      "SELECT count(*)::int AS n FROM orgs WHERE path <@ $1::ltree AND kind = 'branch'",
    ),
    branchesWithoutMeeting: await one(
      `SELECT count(*)::int AS n FROM orgs o WHERE o.path <@ $1::ltree AND o.kind = 'branch'
          AND o.id NOT IN (SELECT org_id FROM review_meetings
                            WHERE kind = 'branch_life' AND extract(year FROM held_on) = $2)`,
      [YEAR],
    ),
    rectificationsOpen: await one(
      "SELECT count(*)::int AS n FROM rectification_items WHERE org_path <@ $1::ltree AND status = 'open'",
    ),
    rectificationsOverdue: await one(
      `SELECT count(*)::int AS n FROM rectification_items
        WHERE org_path <@ $1::ltree AND status = 'open' AND due_on < cn_today()`,
    ),
  };
}

describe("下级组织对比", () => {
  it("gives each town of the county the figures a direct count gives, the one most behind first", async () => {
    const res = await call(
      app,
      countySecretary,
      "GET",
      `/api/dashboards/subordinates?orgId=${w.county.id}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.year).toBe(YEAR);
    // All but the rectification columns are as of the last fold, which the page shows.
    expect(body.foldedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(body.rows.map((r: { orgId: number }) => r.orgId)).toEqual([w.otherTown.id, w.town.id]);
    for (const town of [w.town, w.otherTown]) {
      const row = body.rows.find((r: { orgId: number }) => r.orgId === town.id);
      expect(row).toMatchObject(await direct(town.path));
    }
    const town = body.rows.find((r: { orgId: number }) => r.orgId === w.town.id);
    expect(town).toMatchObject({
      members: 1,
      passed: 1,
      passRate: 100,
      branches: 2,
      branchesWithoutMeeting: 1,
    });
    const other = body.rows.find((r: { orgId: number }) => r.orgId === w.otherTown.id);
    expect(other).toMatchObject({ members: 3, passed: 0, passRate: 0, branchesWithoutMeeting: 1 });
  });

  it("drills down a level: the town's branches, and a branch has no subordinates", async () => {
    const town = (
      await call(app, countySecretary, "GET", `/api/dashboards/subordinates?orgId=${w.town.id}`)
    ).json();
    expect(town.rows.map((r: { name: string }) => r.name).sort()).toEqual(
      ["对比城关镇第一党支部", "对比城关镇第二党支部"].sort(),
    );
    const met = town.rows.find((r: { orgId: number }) => r.orgId === w.branch.id);
    expect(met).toMatchObject({ branches: 1, branchesWithoutMeeting: 0, members: 1 });
    const branch = (
      await call(app, w.secretary, "GET", `/api/dashboards/subordinates?orgId=${w.branch.id}`)
    ).json();
    expect(branch.rows).toEqual([]);
  });

  it("shows a sibling town's secretary nothing of the town or the county above it", async () => {
    for (const org of [w.town, w.county]) {
      const res = await call(
        app,
        w.siblingSecretary,
        "GET",
        `/api/dashboards/subordinates?orgId=${org.id}`,
      );
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain("城关镇");
    }
    const xlsx = await call(
      app,
      w.siblingSecretary,
      "GET",
      `/api/dashboards/subordinates.xlsx?orgId=${w.town.id}`,
    );
    expect(xlsx.statusCode).toBe(404);
    const bad = await call(
      app,
      countySecretary,
      "GET",
      `/api/dashboards/subordinates?orgId=${w.county.id}&year=1999`,
    );
    expect(bad.statusCode).toBe(400);
  });

  it("exports the ranking as a sheet with the figures, audited under the county", async () => {
    const res = await call(
      app,
      countySecretary,
      "GET",
      `/api/dashboards/subordinates.xlsx?orgId=${w.county.id}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const cells = (sheet?.getSheetValues() ?? []).flat().map(String);
    expect(cells.join("|")).toContain(`对比青山县委下级组织落实情况对比（${YEAR}年）`);
    expect(cells).toContain("对比东街镇党委");
    const page = await call(
      app,
      countySecretary,
      "GET",
      `/api/dashboards/subordinates?orgId=${w.county.id}`,
    );
    const foldedAt = page.json().foldedAt;
    expect(foldedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(cells.join("|")).toContain(`其余各列为汇总数据，数据截至 ${foldedAt}。`);
    // The pass rate is a number the reader can sum or sort, shown as a percentage.
    const rates: { value: unknown; numFmt: string }[] = [];
    sheet?.eachRow((row) => {
      if (typeof row.getCell(1).value === "number") rates.push(row.getCell(6));
    });
    expect(rates.map((c) => [c.value, c.numFmt]).sort()).toEqual([
      [0, "0.0%"],
      [1, "0.0%"],
    ]);
    // Printed as a 组织部 reader would: one landscape page, every column and figure on it.
    const printed = await printWithLibreOffice(res.rawPayload as Buffer, "xlsx");
    expect(printed.pages).toBe(1);
    const text = printed.text.replace(/\s+/g, "");
    expect(text).toContain(`对比青山县委下级组织落实情况对比（${YEAR}年）`);
    for (const header of ["组织", "党员", "考试合格", "合格率", "未开组织生活会", "整改逾期"]) {
      expect(text).toContain(header);
    }
    expect(text).toContain("对比东街镇党委");
    expect(text).toContain("100.0%");
    expect(text).toContain(`数据截至${foldedAt.replace(" ", "")}`);
    const audit = await ctx.db.query<{ org_path: string }>(
      "SELECT org_path::text FROM audit_events WHERE action = 'dashboards.subordinates.export' ORDER BY id DESC LIMIT 1",
    );
    expect(audit.rows[0]?.org_path).toBe(w.county.path);
  });
});
