import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../../test/app.ts";
import { buildMember, buildOrg, type TestOrg } from "../../../../test/factories.ts";
import { call } from "../../orgs/orgs.fixtures.ts";
import { studyWorld, type World } from "../study.fixtures.ts";

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

describe("campaign results per branch", () => {
  it("match a direct count, branch by branch and in total, and leave the sibling town out", async () => {
    const res = await call(app, w.secretary, "GET", `/api/study/campaigns/${campaignId}/results`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as {
      totals: Record<string, number>;
      branches: ({ orgId: number } & Record<string, number>)[];
      items: { memberId: number; status: string }[];
      nextCursor: string | null;
    };
    const direct = await directCounts();
    expect(body.branches.map((b) => b.orgId).sort()).toEqual([...direct.keys()].sort());
    for (const b of body.branches) {
      const { orgId, orgName: _, ...counts } = b;
      expect(counts).toEqual(direct.get(orgId));
    }
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
