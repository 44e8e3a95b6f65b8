import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import { buildMember, buildOrg, type TestOrg } from "../../../../test/factories.ts";
import { call } from "../../orgs/orgs.fixtures.ts";
import { studyWorld, type World } from "../study.fixtures.ts";
import { foldCampaignResults } from "./fold-campaign-results.ts";

/**
 * Per-branch results come from one GROUP BY in PostgreSQL; here they are checked against a
 * count written independently, member by member, over the same rows.
 */
const { app, ctx } = await testApp();
let w: World;
let campaignId: number;
let second: TestOrg;

/** Inserts an attempt as the exam would leave it; `score` null means still open. */
async function attempt(memberId: number, path: string, no: number, score: number | null) {
  await ctx.db.query(
    `INSERT INTO study_attempts (campaign_id, member_id, org_path, attempt_no, deadline_at, paper,
       submitted_at, submitted_by, correct, total, score, passed)
     VALUES ($1, $2, $3::ltree, $4, now() + interval '1 hour', '[]',
             CASE WHEN $5::int IS NULL THEN NULL ELSE now() END,
             CASE WHEN $5::int IS NULL THEN NULL ELSE 'member' END,
             $5::int / 10, 10, $5::int, $5::int >= 60)`,
    [campaignId, memberId, path, no, score],
  );
}

beforeAll(async () => {
  w = await studyWorld(ctx);
  second = await buildOrg(ctx.db, { parent: w.town, kind: "branch", name: "城关镇第二党支部" });
  const c = await ctx.db.query<{ id: number }>(
    `INSERT INTO study_campaigns (org_id, org_path, title, starts_at, ends_at, status, pass_mark,
       time_limit_minutes, max_attempts, rules, published_at)
     VALUES ($1, $2::ltree, '学习《党员网络行为规定》专题测试', now() - interval '1 day',
             now() + interval '6 days', 'published', 60, 30, 3,
             '[{"chapter": null, "type": null, "count": 5}]', now()) RETURNING id`,
    [w.town.id, w.town.path],
  );
  campaignId = c.rows[0]?.id ?? 0;
  const names = ["李春华", "王秀英", "张建军", "刘志强", "陈丽娟", "杨国庆", "赵淑芬", "黄海涛"];
  for (const [i, name] of names.entries()) {
    const org = i % 2 ? second : w.branch;
    const m = await buildMember(ctx.db, { org, name });
    // Passed, failed, failed then passed, open, not started, twice failed, ...
    const plan = [[85], [40], [50, 90], [null], [], [30, 45], [70], [55, null]][i] ?? [];
    for (const [n, score] of plan.entries()) await attempt(m.id, org.path, n + 1, score);
  }
  // A member of the sibling town and an archived member: neither is counted.
  const outside = await buildMember(ctx.db, { org: w.otherBranch, name: "孙立新" });
  await attempt(outside.id, w.otherBranch.path, 1, 95);
  const archived = await buildMember(ctx.db, { org: w.branch, name: "周文斌" });
  await ctx.db.query("UPDATE members SET archived_at = now() WHERE id = $1", [archived.id]);
});

/** The reference: each member's status worked out in TypeScript from plain reads. */
async function directCounts() {
  const members = await ctx.db.query<{ id: number; org_id: number }>(
    "SELECT id, org_id FROM members WHERE org_path <@ $1::ltree AND archived_at IS NULL",
    [w.town.path],
  );
  const attempts = await ctx.db.query<{ member_id: number; score: number | null; passed: boolean }>(
    "SELECT member_id, score, passed FROM study_attempts WHERE campaign_id = $1",
    [campaignId],
  );
  const byOrg = new Map<number, Record<string, number>>();
  for (const m of members.rows) {
    const mine = attempts.rows.filter((a) => a.member_id === m.id);
    const status =
      mine.length === 0
        ? "notStarted"
        : mine.some((a) => a.passed)
          ? "passed"
          : mine.some((a) => a.score === null)
            ? "inProgress"
            : "failed";
    const row = byOrg.get(m.org_id) ?? {
      members: 0,
      notStarted: 0,
      inProgress: 0,
      passed: 0,
      failed: 0,
    };
    row.members = (row.members ?? 0) + 1;
    row[status] = (row[status] ?? 0) + 1;
    byOrg.set(m.org_id, row);
  }
  return byOrg;
}

type Body = {
  totals: Record<string, number>;
  countedAt: string | null;
  branches: ({ orgId: number } & Record<string, number>)[];
  items: { memberId: number; status: string }[];
  nextCursor: string | null;
};

async function results(): Promise<Body> {
  const res = await call(app, w.secretary, "GET", `/api/study/campaigns/${campaignId}/results`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Body;
}

async function expectDirect(body: Body) {
  const direct = await directCounts();
  expect(body.branches.map((b) => b.orgId).sort()).toEqual([...direct.keys()].sort());
  for (const b of body.branches) {
    const { orgId, orgName: _, ...counts } = b;
    expect(counts).toEqual(direct.get(orgId));
  }
}

describe("campaign results per branch", () => {
  it("match a direct count, branch by branch and in total, and leave the sibling town out", async () => {
    const body = await results();
    // A campaign of nine members is counted live: no fold has taken it up.
    expect(body.countedAt).toBeNull();
    await expectDirect(body);
    expect(body.totals).toEqual({ members: 9, notStarted: 2, inProgress: 2, passed: 3, failed: 2 });
    expect(body.items).toHaveLength(9);
    expect(body.nextCursor).toBeNull();
  });

  it("pages the member rows and filters them by status", async () => {
    const seen: number[] = [];
    let after: string | null = null;
    do {
      const q: string = `limit=4${after ? `&after=${encodeURIComponent(after)}` : ""}`;
      const res = await call(
        app,
        w.secretary,
        "GET",
        `/api/study/campaigns/${campaignId}/results?${q}`,
      );
      const body = res.json() as { items: { memberId: number }[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(4);
      seen.push(...body.items.map((r) => r.memberId));
      after = body.nextCursor;
    } while (after && seen.length < 50);
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
    const failed = await call(
      app,
      w.secretary,
      "GET",
      `/api/study/campaigns/${campaignId}/results?status=failed`,
    );
    expect(failed.json().items.map((r: { status: string }) => r.status)).toEqual([
      "failed",
      "failed",
    ]);
  });
});

describe("folded campaign results", () => {
  it("read the fold's counts once the campaign is folded, equal to a direct count", async () => {
    // The test campaign is small: a limit of one member makes the fold take it up.
    await foldCampaignResults(ctx.db, 1);
    const body = await results();
    expect(body.countedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await expectDirect(body);
    expect(body.totals).toEqual({ members: 9, notStarted: 2, inProgress: 2, passed: 3, failed: 2 });
  });

  it("follow hand-ins, new sittings, a transfer and an archival at the next fold", async () => {
    // A second fold settles the watermark past the attempts above: the next one recounts only
    // the members these changes touch.
    await foldCampaignResults(ctx.db, 1);
    const members = await ctx.db.query<{ id: number; name: string }>(
      "SELECT id, name FROM members WHERE org_path <@ $1::ltree AND archived_at IS NULL",
      [w.town.path],
    );
    const byName = new Map(members.rows.map((m) => [m.name, m.id]));
    const id = (name: string) => byName.get(name) ?? 0;
    // 刘志强's open sitting is handed in and passes; 杨国庆, not started, begins one.
    await ctx.db.query(
      `UPDATE study_attempts SET submitted_at = now(), submitted_by = 'member', correct = 8,
              total = 10, score = 80, passed = true
        WHERE campaign_id = $1 AND member_id = $2 AND submitted_at IS NULL`,
      [campaignId, id("刘志强")],
    );
    const notStarted = await ctx.db.query<{ id: number }>(
      `SELECT m.id FROM members m WHERE m.org_path <@ $1::ltree AND m.archived_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM study_attempts a WHERE a.member_id = m.id AND a.campaign_id = $2)
        ORDER BY m.id`,
      [w.town.path, campaignId],
    );
    const starter = notStarted.rows[0]?.id ?? 0;
    await attempt(starter, w.branch.path, 1, null);
    // 李春华 (passed) transfers to the sibling town: out of the campaign's subtree.
    await ctx.db.query("UPDATE members SET org_id = $2, org_path = $3::ltree WHERE id = $1", [
      id("李春华"),
      w.otherBranch.id,
      w.otherBranch.path,
    ]);
    // 王秀英 (failed) is archived.
    await ctx.db.query("UPDATE members SET archived_at = now() WHERE id = $1", [id("王秀英")]);
    await foldCampaignResults(ctx.db, 1);
    const body = await results();
    await expectDirect(body);
    expect(body.totals).toEqual({ members: 7, notStarted: 1, inProgress: 2, passed: 3, failed: 1 });
  });

  it("count a sitting whose transaction stayed open over two folds and was handed in later", async () => {
    const member = await buildMember(ctx.db, { org: second, name: "吴建国" });
    const other = await buildMember(ctx.db, { org: second, name: "郑红梅" });
    const client = await ctx.db.connect();
    try {
      await client.query("BEGIN");
      const started = await client.query<{ id: number }>(
        `INSERT INTO study_attempts (campaign_id, member_id, org_path, attempt_no, deadline_at, paper)
         VALUES ($1, $2, $3::ltree, 1, now() + interval '1 hour', '[]') RETURNING id`,
        [campaignId, member.id, second.path],
      );
      // A later sitting commits first: both folds see the identity past the open one's id.
      await attempt(other.id, second.path, 1, 75);
      await foldCampaignResults(ctx.db, 1);
      await foldCampaignResults(ctx.db, 1);
      await client.query("COMMIT");
      await ctx.db.query(
        `UPDATE study_attempts SET submitted_at = now(), submitted_by = 'member', correct = 3,
                total = 10, score = 30, passed = false WHERE id = $1`,
        [started.rows[0]?.id],
      );
    } finally {
      client.release();
    }
    await foldCampaignResults(ctx.db, 1);
    const body = await results();
    await expectDirect(body);
    expect(body.totals).toEqual({ members: 9, notStarted: 1, inProgress: 2, passed: 4, failed: 2 });
  });
});
