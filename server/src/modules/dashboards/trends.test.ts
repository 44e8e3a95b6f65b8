import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildMember } from "../../../test/factories.ts";
import { chinaToday, chinaYear } from "../../platform/china-date.ts";
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
const YEAR = chinaYear();
const today = chinaToday();

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  w = await studyWorld(ctx, "趋势");
  countySecretary = await callerWith(ctx, "secretary", w.county);
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
  // The other town: members who joined in March and June, one of them gone since.
  const ids: number[] = [];
  for (const [name, joined] of [
    ["刘晓梅", `${YEAR}-03-08`],
    ["陈志强", `${YEAR}-06-18`],
    ["赵丽娟", "1998-07-01"],
  ] as const) {
    const m = await buildMember(ctx.db, { org: w.otherBranch, name });
    await ctx.db.query("UPDATE members SET joined_on = $2::date WHERE id = $1", [m.id, joined]);
    ids.push(m.id);
  }
  await ctx.db.query(
    "UPDATE members SET archived_at = now(), archive_reason = '组织关系转出' WHERE id = $1",
    [ids[2]],
  );
  await foldRollups(ctx.db);
});

/** Each month's figures for the subtree at `path`, counted one plain query each. */
async function direct(path: string) {
  const months = [];
  for (let m = 1; m <= 12; m++) {
    const start = `${YEAR}-${String(m).padStart(2, "0")}-01`;
    const row = await ctx.db.query(
      `SELECT
         (SELECT count(*)::int FROM members WHERE org_path <@ $1::ltree
             AND joined_on < ($2::date + interval '1 month')
             AND (archived_at IS NULL
                  OR (archived_at AT TIME ZONE 'Asia/Shanghai') >= ($2::date + interval '1 month'))) AS members,
         (SELECT count(*)::int FROM study_attempts WHERE org_path <@ $1::ltree AND passed
             AND date_trunc('month', submitted_at AT TIME ZONE 'Asia/Shanghai') = $2::date) AS "examPassed",
         (SELECT count(*)::int FROM review_meetings WHERE org_path <@ $1::ltree
             AND kind = 'branch_life' AND date_trunc('month', held_on) = $2::date) AS "meetingsHeld",
         (SELECT count(*)::int FROM rectification_items WHERE org_path <@ $1::ltree
             AND date_trunc('month', created_at AT TIME ZONE 'Asia/Shanghai') = $2::date)
           AS "rectificationsOpened",
         (SELECT count(*)::int FROM rectification_items WHERE org_path <@ $1::ltree
             AND status = 'closed'
             AND date_trunc('month', closed_at AT TIME ZONE 'Asia/Shanghai') = $2::date)
           AS "rectificationsClosed"`,
      [path, start],
    );
    months.push({ month: start.slice(0, 7), ...row.rows[0] });
  }
  return months;
}

describe("按月趋势", () => {
  it("gives the county, each town and a branch the figures a direct count gives, month by month", async () => {
    for (const org of [w.county, w.town, w.otherTown, w.branch]) {
      const res = await call(
        app,
        countySecretary,
        "GET",
        `/api/dashboards/trends?orgId=${org.id}&year=${YEAR}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().months).toEqual(await direct(org.path));
    }
    const county = (
      await call(app, countySecretary, "GET", `/api/dashboards/trends?orgId=${w.county.id}`)
    ).json();
    const now = county.months.find((m: { month: string }) => m.month === today.slice(0, 7));
    expect(now).toMatchObject({ examPassed: 1, meetingsHeld: 1 });
    expect(now.rectificationsOpened).toBeGreaterThan(0);
    expect(county.months[11].members).toBe(3);
  });

  it("shows a sibling town's secretary nothing of the town or the county above it", async () => {
    for (const org of [w.town, w.county, w.branch]) {
      const res = await call(
        app,
        w.siblingSecretary,
        "GET",
        `/api/dashboards/trends?orgId=${org.id}&year=${YEAR}`,
      );
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain("城关镇");
    }
    const own = await call(
      app,
      w.siblingSecretary,
      "GET",
      `/api/dashboards/trends?orgId=${w.otherTown.id}&year=${YEAR}`,
    );
    expect(own.statusCode).toBe(200);
    expect(own.json().months[11].members).toBe(2);
  });

  it("refuses a bad year or org with 400 and the field, in zh-CN and en-US", async () => {
    for (const query of [
      `orgId=${w.county.id}&year=1999`,
      "orgId=abc",
      `orgId=${w.county.id}&x=1`,
    ]) {
      const zh = await call(app, countySecretary, "GET", `/api/dashboards/trends?${query}`);
      expect(zh.statusCode, query).toBe(400);
      const en = await app.inject({
        method: "GET",
        url: `/api/dashboards/trends?${query}`,
        headers: { ...countySecretary.headers, "accept-language": "en-US" },
      });
      expect(en.statusCode).toBe(400);
      expect(zh.json().error.message).not.toBe(en.json().error.message);
    }
    const year = await call(
      app,
      countySecretary,
      "GET",
      `/api/dashboards/trends?orgId=${w.county.id}&year=1999`,
    );
    expect(year.json().error.field).toBe("year");
  });

  it("asks for a sign-in first", async () => {
    const res = await call(
      app,
      { headers: {} },
      "GET",
      `/api/dashboards/trends?orgId=${w.county.id}`,
    );
    expect(res.statusCode).toBe(401);
  });
});
