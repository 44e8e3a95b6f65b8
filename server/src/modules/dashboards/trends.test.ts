import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import { buildMember } from "../../../test/factories.ts";
import { chinaMinute, chinaToday, chinaYear } from "../../platform/china-date.ts";
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
  await recordOtherSources();
  await foldRollups(ctx.db);
});

/**
 * The sources of migrations 0036 and 0038, written as their modules leave them: a self-review
 * sent back, 民主评议 rounds with grades (one round still open), a declaration, reports and
 * discipline cases (three in one month, one alone in another, so both sides of the small-count
 * floor show), a commendation, 每日一练 days and a retaken exam passed a second time.
 */
async function recordOtherSources() {
  const users = (await ctx.db.query<{ id: number }>("SELECT id FROM users ORDER BY id LIMIT 2"))
    .rows;
  const [first, second] = [users[0]?.id, users[1]?.id];
  const returned = await buildMember(ctx.db, { org: w.branch, name: "孙玉兰" });
  await ctx.db.query(
    `INSERT INTO self_reviews (meeting_id, member_id, org_path, status, submitted_at, returned_at,
                               return_comment)
     SELECT meeting_id, $2, org_path, 'returned', $3::timestamptz, $4::timestamptz, '问题查摆不具体'
       FROM self_reviews WHERE id = $1`,
    [w.self.id, returned.id, `${YEAR}-02-27T21:00:00+08:00`, `${YEAR}-03-01T00:10:00+08:00`],
  );
  await ctx.db.query(
    `INSERT INTO evaluation_rounds (org_id, org_path, org_name, year, status, closed_at)
     SELECT id, path, name, $2::int, 'closed', $3::timestamptz FROM orgs WHERE id = $1
     UNION ALL
     SELECT id, path, name, $2::int, 'open', NULL FROM orgs WHERE id = $4`,
    [w.branch.id, YEAR, `${YEAR}-04-10T10:00:00+08:00`, w.otherBranch.id],
  );
  // Grades in both rounds: the open one's are not counted until it closes.
  await ctx.db.query(
    `INSERT INTO evaluation_subjects (round_id, member_id, member_name, may_vote, final_grade,
       final_reason, decided_at)
     SELECT r.id, m.id, m.name, true,
            CASE WHEN m.id = $1 THEN 'excellent' WHEN r.status = 'open' THEN 'competent'
                 ELSE 'incompetent' END,
            CASE WHEN m.id <> $1 AND r.status = 'closed' THEN '长期不参加组织生活' END, now()
       FROM evaluation_rounds r JOIN members m ON m.org_id = r.org_id AND m.archived_at IS NULL
      WHERE r.org_id IN ($2, $3) AND r.year = $4`,
    [w.self.id, w.branch.id, w.otherBranch.id, YEAR],
  );
  await ctx.db.query(
    `INSERT INTO study_practice_days (member_id, day, org_path, question_ids, results, points,
       completed)
     SELECT m.id, v.day::date, m.org_path, '{21,22,23,24,25}', '{}', v.points, v.done
       FROM members m,
            (VALUES ($2, 6, true), ($3, 5, true), ($4, 1, false)) v (day, points, done)
      WHERE m.id = $1`,
    [w.self.id, `${YEAR}-05-31`, `${YEAR}-06-01`, `${YEAR}-06-02`],
  );
  // The passed exam sat again and passed again: a second pass, no second completion.
  await ctx.db.query(
    `INSERT INTO study_attempts (campaign_id, member_id, org_path, attempt_no, started_at,
       deadline_at, paper, answers, submitted_at, submitted_by, correct, total, score, passed)
     SELECT campaign_id, member_id, org_path, attempt_no + 1, now(), now() + interval '30 minutes',
            paper, answers, now(), 'member', correct, total, score, passed
       FROM study_attempts WHERE passed`,
  );
  const campaign = await ctx.db.query<{ id: number }>(
    `INSERT INTO registry_declaration_campaigns (org_id, org_path, kind, title, period_from,
       period_to, due_on, created_by)
     SELECT id, path, 'annual', $2, $3::date, $4::date, $4::date + 30, $5 FROM orgs WHERE id = $1
     RETURNING id`,
    [w.town.id, `${YEAR}年度网络虚拟财物报告`, `${YEAR}-01-01`, `${YEAR}-12-31`, first],
  );
  await ctx.db.query(
    "INSERT INTO registry_declarations (campaign_id, member_id, created_at) VALUES ($1, $2, $3)",
    [campaign.rows[0]?.id, w.self.id, `${YEAR}-05-31T23:30:00+08:00`],
  );
  const cases: [string, number, string, string | null][] = [
    ["report", w.branch.id, `${YEAR}-02-03`, null],
    ["report", w.branch.id, `${YEAR}-02-14`, `${YEAR}-03-02`],
    ["report", w.otherBranch.id, `${YEAR}-02-20`, null],
    ["discipline", w.branch.id, `${YEAR}-03-05`, null],
    ["discipline", w.otherBranch.id, `${YEAR}-07-01`, `${YEAR}-08-20`],
    ["discipline", w.otherBranch.id, `${YEAR}-07-09`, null],
    ["discipline", w.branch.id, `${YEAR}-07-30`, null],
  ];
  for (const [type, orgId, opened, closed] of cases) {
    await ctx.db.query(
      `INSERT INTO cases (case_type, number, org_id, org_path, state, title, opened_on, closed_on)
       SELECT $2, 'QS' || gen_random_uuid(), id, path, CASE WHEN $4::date IS NULL THEN 'received'
              ELSE 'closed' END, '在微信群转发不实信息', $3::date, $4::date
         FROM orgs WHERE id = $1`,
      [orgId, type, opened, closed],
    );
  }
  await ctx.db.query(
    `INSERT INTO commendations (member_id, org_path, title, level, reason, contribution_ids, state,
       proposed_by, decided_by, decided_at, approved_on, document_no)
     SELECT $1, path, '网络正能量优秀作品', 'branch', '原创短视频宣传乡村振兴', '{1}', 'approved',
            $3, $4, now(), $5::date, '城关党发〔' || $6 || '〕9号' FROM orgs WHERE id = $2`,
    [w.self.id, w.branch.id, first, second, `${YEAR}-09-01`, YEAR],
  );
}

/** A discipline count as a dashboard may show it: one or two are 「<3」. */
const floored = (n: number) => (n > 0 && n < 3 ? "<3" : n);

/** Members graded in rounds standing closed, one column per grade, by the month closed. */
const grades = (
  [
    ["excellent", "gradeExcellent"],
    ["competent", "gradeCompetent"],
    ["basically_competent", "gradeBasicallyCompetent"],
    ["incompetent", "gradeIncompetent"],
  ] as const
)
  .map(
    ([grade, column]) =>
      `(SELECT count(*)::int FROM evaluation_subjects s
           JOIN evaluation_rounds r ON r.id = s.round_id
         WHERE r.org_path <@ $1::ltree AND r.status = 'closed' AND s.final_grade = '${grade}'
           AND date_trunc('month', r.closed_at AT TIME ZONE 'Asia/Shanghai') = $2::date)
         AS "${column}"`,
  )
  .join(",\n");

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
         (SELECT count(*)::int FROM (
             SELECT DISTINCT ON (campaign_id, member_id) org_path, submitted_at
               FROM study_attempts WHERE passed
              ORDER BY campaign_id, member_id, submitted_at) first_pass
           WHERE org_path <@ $1::ltree
             AND date_trunc('month', submitted_at AT TIME ZONE 'Asia/Shanghai') = $2::date)
           AS "campaignsCompleted",
         (SELECT count(*)::int FROM study_practice_days WHERE org_path <@ $1::ltree AND completed
             AND date_trunc('month', day) = $2::date) AS "practiceDays",
         (SELECT count(*)::int FROM review_meetings WHERE org_path <@ $1::ltree
             AND kind = 'branch_life' AND date_trunc('month', held_on) = $2::date) AS "meetingsHeld",
         (SELECT count(*)::int FROM rectification_items WHERE org_path <@ $1::ltree
             AND date_trunc('month', created_at AT TIME ZONE 'Asia/Shanghai') = $2::date)
           AS "rectificationsOpened",
         (SELECT count(*)::int FROM rectification_items WHERE org_path <@ $1::ltree
             AND status = 'closed'
             AND date_trunc('month', closed_at AT TIME ZONE 'Asia/Shanghai') = $2::date)
           AS "rectificationsClosed",
         (SELECT count(*)::int FROM self_reviews WHERE org_path <@ $1::ltree
             AND status = 'submitted'
             AND date_trunc('month', submitted_at AT TIME ZONE 'Asia/Shanghai') = $2::date)
           AS "selfReviewsSubmitted",
         (SELECT count(*)::int FROM self_reviews WHERE org_path <@ $1::ltree
             AND status = 'returned'
             AND date_trunc('month', returned_at AT TIME ZONE 'Asia/Shanghai') = $2::date)
           AS "selfReviewsReturned",
         (SELECT count(*)::int FROM evaluation_rounds WHERE org_path <@ $1::ltree
             AND status = 'closed'
             AND date_trunc('month', closed_at AT TIME ZONE 'Asia/Shanghai') = $2::date)
           AS "evaluationsClosed",
         ${grades},
         (SELECT count(*)::int FROM registry_declarations d
             JOIN registry_declaration_campaigns c ON c.id = d.campaign_id
           WHERE c.org_path <@ $1::ltree
             AND date_trunc('month', d.created_at AT TIME ZONE 'Asia/Shanghai') = $2::date)
           AS declarations,
         (SELECT count(*)::int FROM commendations WHERE org_path <@ $1::ltree
             AND state = 'approved' AND date_trunc('month', approved_on) = $2::date)
           AS commendations,
         (SELECT count(*)::int FROM study_campaigns WHERE org_path <@ $1::ltree
             AND status IN ('published', 'closed')
             AND date_trunc('month', published_at AT TIME ZONE 'Asia/Shanghai') = $2::date)
           AS "campaignsPublished",
         (SELECT count(*)::int FROM cases WHERE org_path <@ $1::ltree AND case_type = 'report'
             AND erased_on IS NULL AND date_trunc('month', opened_on) = $2::date)
           AS "reportsReceived",
         (SELECT count(*)::int FROM cases WHERE org_path <@ $1::ltree AND case_type = 'discipline'
             AND erased_on IS NULL AND date_trunc('month', opened_on) = $2::date)
           AS "disciplineOpened",
         (SELECT count(*)::int FROM cases WHERE org_path <@ $1::ltree AND case_type = 'discipline'
             AND erased_on IS NULL AND date_trunc('month', closed_on) = $2::date)
           AS "disciplineClosed"`,
      [path, start],
    );
    const r = row.rows[0];
    months.push({
      month: start.slice(0, 7),
      ...r,
      disciplineOpened: floored(r.disciplineOpened),
      disciplineClosed: floored(r.disciplineClosed),
    });
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
    expect(now).toMatchObject({ examPassed: 2, campaignsCompleted: 1, meetingsHeld: 1 });
    expect(now.rectificationsOpened).toBeGreaterThan(0);
    expect(county.months[11].members).toBe(4); // 3 before 孙玉兰 of recordOtherSources joined
    // The fixtures' months, so the comparison above is not of zeros with zeros.
    expect(county.months[1]).toMatchObject({ reportsReceived: 3, selfReviewsSubmitted: 0 });
    expect(county.months[2]).toMatchObject({ selfReviewsReturned: 1, disciplineOpened: "<3" });
    expect(county.months[6].disciplineOpened).toBe(3);
    expect(county.months[3]).toMatchObject({
      evaluationsClosed: 1,
      gradeExcellent: 1,
      gradeIncompetent: 1,
      gradeCompetent: 0,
    });
    expect(county.months.map((m: { practiceDays: number }) => m.practiceDays).slice(4, 6)).toEqual([
      1, 1,
    ]);
    expect(county.months[4].declarations).toBe(1);
    expect(county.months[8].commendations).toBe(1);
    expect(now.campaignsPublished).toBeGreaterThan(0);
  });

  it("shows case counts only to case handlers and 民主评议 grades only to overseers", async () => {
    const propaganda = await callerWith(ctx, "propaganda_officer", w.county);
    const res = await call(
      app,
      propaganda,
      "GET",
      `/api/dashboards/trends?orgId=${w.county.id}&year=${YEAR}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const months = res.json().months;
    expect(months[1]).toMatchObject({ reportsReceived: null, disciplineOpened: null });
    expect(months.every((m: { disciplineClosed: unknown }) => m.disciplineClosed === null)).toBe(
      true,
    );
    expect(months[3]).toMatchObject({
      evaluationsClosed: 1,
      gradeExcellent: null,
      gradeIncompetent: null,
    });
    expect(months.every((m: { gradeCompetent: unknown }) => m.gradeCompetent === null)).toBe(true);
    expect(months[4].practiceDays).toBe(1);
    const officer = await callerWith(ctx, "discipline_officer", w.county);
    const overseen = (
      await call(app, officer, "GET", `/api/dashboards/trends?orgId=${w.town.id}&year=${YEAR}`)
    ).json().months;
    expect(overseen[3]).toMatchObject({ gradeExcellent: 1, gradeIncompetent: 1 });
  });

  it("says when the totals were last folded, in Beijing time, and moves on with the next fold", async () => {
    const read = async () =>
      (
        await call(app, countySecretary, "GET", `/api/dashboards/trends?orgId=${w.county.id}`)
      ).json().foldedAt as string;
    const stored = async () =>
      (await ctx.db.query<{ at: Date }>("SELECT folded_at AS at FROM rollup_folds")).rows[0]
        ?.at as Date;
    const before = await stored();
    expect(await read()).toBe(chinaMinute(before));
    expect(await read()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    await buildMember(ctx.db, { org: w.branch, name: "周海燕" });
    await foldRollups(ctx.db);
    const after = await stored();
    expect(after.getTime()).toBeGreaterThan(before.getTime());
    expect(await read()).toBe(chinaMinute(after));
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
