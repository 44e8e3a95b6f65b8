/**
 * Issue 10: results of a province-wide study campaign, per branch, at a million members.
 *
 *   npx tsx bench/campaign-results.ts [--members 1000000] [--orgs 50000] [--runs 7] [--keep]
 *
 * Creates a scratch database on the machine's PostgreSQL (BENCH_DATABASE_URL), migrates it and
 * seeds it with the real CLI `wanggui seed synthetic`. Opens a published campaign at the root
 * org and gives about 70 % of the members attempts with SQL in bulk (passed, failed, failed
 * then passed, still open). Then, alternating in the same run, times (1) `campaignResults`,
 * the function the route `GET /api/study/campaigns/:id/results` calls (per-branch counts, the
 * first page of members, the count of accounts), and (2) the baseline: a bare SQL GROUP BY
 * computing the same per-branch counts, and checks both give the same numbers.
 *
 * Before timing, the campaign's results are folded (ADR 0029) from scratch (timed: the whole
 * campaign), then once more with nothing new, then after a burst (timed): sittings handed in,
 * new sittings begun, started members transferred and archived. So `campaignResults` reads the
 * folded counts, and "same counts" checks the fold against the bare GROUP BY.
 *
 * With --keep the database `wg_bench_campaign_<members>` is left in place, and a later run
 * with --keep reuses it instead of seeding again (the output says so).
 */
// The server's request types gain `cookies` from this plugin where app.ts registers it; the
// bench reaches the auth plugin through the study module without app.ts.

import { loadavg } from "node:os";
import type {} from "@fastify/cookie";
import { campaignResults } from "../server/src/modules/study/campaigns/campaign-results.ts";
import { foldCampaignResults } from "../server/src/modules/study/campaigns/fold-campaign-results.ts";
import type { Actor } from "../server/src/platform/auth/actor.ts";
import type { Db } from "../server/src/platform/db/pool.ts";
import { numberArg } from "./support/args.ts";
import { KEEP, type ScratchDb, scratchDb } from "./support/scratch-db.ts";
import { seedSynthetic } from "./support/seed-cli.ts";
import { percentile } from "./support/steps.ts";

const MEMBERS = numberArg("members", 1_000_000);
const ORGS = numberArg("orgs", 50_000);
const RUNS = numberArg("runs", 7);
const BURST = numberArg("burst", 10_000);

/** The same per-branch counts as the route, written plainly: the floor for this query. */
const BARE = `
  SELECT m.org_id AS "orgId", count(*)::int AS members,
         count(*) FILTER (WHERE s.member_id IS NULL)::int AS "notStarted",
         count(*) FILTER (WHERE s.member_id IS NOT NULL AND NOT s.passed
                            AND (s.best IS NULL OR s.open))::int AS "inProgress",
         count(*) FILTER (WHERE s.passed)::int AS passed,
         count(*) FILTER (WHERE s.member_id IS NOT NULL AND NOT s.passed
                            AND s.best IS NOT NULL AND NOT s.open)::int AS failed
    FROM members m
    LEFT JOIN (SELECT member_id, coalesce(bool_or(passed), false) AS passed, max(score) AS best,
                      bool_or(submitted_at IS NULL) AS open
                 FROM study_attempts WHERE campaign_id = $1 GROUP BY member_id) s
      ON s.member_id = m.id
   WHERE m.org_path <@ $2::ltree AND m.archived_at IS NULL
   GROUP BY m.org_id`;

type Counts = {
  orgId: number;
  members: number;
  notStarted: number;
  inProgress: number;
  passed: number;
  failed: number;
};

async function seeded(db: Db): Promise<boolean> {
  const r = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM members");
  return (r.rows[0]?.n ?? 0) >= MEMBERS;
}

async function prepare({ db, url }: ScratchDb): Promise<string> {
  if (await seeded(db)) return "reused the database seeded by an earlier run";
  const { seconds } = seedSynthetic(url, { members: MEMBERS, orgs: ORGS, key: 5 });
  return `seeded with the CLI in ${seconds.toFixed(1)} s`;
}

/**
 * A campaign at the root, and attempts for ~70 % of its members, spread by a hash of the
 * member id: ~45 % passed at once, ~8 % failed then passed, ~10 % failed, ~7 % still open.
 */
async function campaignWithAttempts(db: Db) {
  const rootOrg = await db.query<{ id: number; path: string }>(
    "SELECT id, path::text AS path FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1",
  );
  const org = rootOrg.rows[0];
  if (!org) throw new Error("no root org");
  const existing = await db.query<{ id: number }>(
    "SELECT id FROM study_campaigns WHERE org_id = $1 AND title = $2",
    [org.id, "学习《中国共产党党员网络行为规定》全省专题测试"],
  );
  if (existing.rows[0]) return { ...org, campaignId: existing.rows[0].id };
  const c = await db.query<{ id: number }>(
    `INSERT INTO study_campaigns (org_id, org_path, title, starts_at, ends_at, status, pass_mark,
       time_limit_minutes, max_attempts, rules, published_at)
     VALUES ($1, $2::ltree, $3, now() - interval '10 days', now() + interval '20 days',
             'published', 60, 30, 3, '[{"chapter": null, "type": null, "count": 20}]', now())
     RETURNING id`,
    [org.id, org.path, "学习《中国共产党党员网络行为规定》全省专题测试"],
  );
  const campaignId = c.rows[0]?.id ?? 0;
  // One row per attempt; k is the member's bucket 0..99, attempt 2 exists for the retakers.
  await db.query(
    `INSERT INTO study_attempts (campaign_id, member_id, org_path, attempt_no, started_at,
       deadline_at, paper, submitted_at, submitted_by, correct, total, score, passed)
     SELECT $1, m.id, m.org_path, a.no, now() - interval '3 days',
            now() - interval '3 days' + interval '30 minutes', '[]',
            CASE WHEN a.score IS NULL THEN NULL ELSE now() - interval '3 days' + interval '20 minutes' END,
            CASE WHEN a.score IS NULL THEN NULL ELSE 'member' END,
            a.score / 5, 20, a.score, a.score >= 60
       FROM (SELECT id, org_path, abs(hashint4(id::int)) % 100 AS k FROM members
              WHERE org_path <@ $2::ltree AND archived_at IS NULL) m
       CROSS JOIN LATERAL (VALUES
         ('first', 1, CASE WHEN m.k < 45 THEN 60 + m.k % 41 ELSE 20 + m.k % 40 END),
         ('retake', 2, 70 + m.k % 30),
         ('open', 1, NULL)) AS a(kind, no, score)
      WHERE (a.kind = 'first' AND m.k < 63)
         OR (a.kind = 'retake' AND m.k BETWEEN 45 AND 52)
         OR (a.kind = 'open' AND m.k BETWEEN 63 AND 69)`,
    [campaignId, org.path],
  );
  await db.query("ANALYZE study_attempts");
  await db.query("ANALYZE members");
  return { ...org, campaignId };
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const result = await work();
  return [result, performance.now() - t];
}

/** Forgets the campaign's fold, so the next fold takes the whole campaign up again. */
async function unfold(db: Db, campaignId: number) {
  for (const table of [
    "campaign_result_members",
    "campaign_result_counts",
    "campaign_result_folds",
  ]) {
    await db.query(`DELETE FROM ${table} WHERE campaign_id = $1`, [campaignId]);
  }
}

/**
 * A minute of a deadline rush and of roster work: `BURST` open sittings handed in, half as many
 * members beginning their first, and a hundred started members each transferred and archived.
 */
async function burst(db: Db, campaignId: number, orgPath: string) {
  await db.query(
    `UPDATE study_attempts SET submitted_at = now(), submitted_by = 'member', correct = 14,
            total = 20, score = 70, passed = true
      WHERE id IN (SELECT id FROM study_attempts
                    WHERE campaign_id = $1 AND submitted_at IS NULL LIMIT $2)`,
    [campaignId, BURST],
  );
  await db.query(
    `INSERT INTO study_attempts (campaign_id, member_id, org_path, attempt_no, deadline_at, paper)
     SELECT $1, m.id, m.org_path, 1, now() + interval '30 minutes', '[]'
       FROM members m
      WHERE m.org_path <@ $2::ltree AND m.archived_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM study_attempts a
                         WHERE a.campaign_id = $1 AND a.member_id = m.id)
      LIMIT $3`,
    [campaignId, orgPath, BURST / 2],
  );
  const started = `SELECT member_id FROM study_attempts WHERE campaign_id = $1 AND passed
                    ORDER BY id DESC LIMIT 100`;
  await db.query(
    `UPDATE members m SET org_id = o.id, org_path = o.path
       FROM (SELECT id, path FROM orgs WHERE member_count > 0 ORDER BY id DESC LIMIT 1) o
      WHERE m.id IN (${started} OFFSET 0)`,
    [campaignId],
  );
  await db.query(
    `UPDATE members SET archived_at = now(), archive_reason = '组织关系转出'
      WHERE id IN (${started} OFFSET 100) AND archived_at IS NULL`,
    [campaignId],
  );
}

async function main() {
  const scratch = await scratchDb(
    "wg_bench_campaign",
    KEEP ? { reuse: `wg_bench_campaign_${MEMBERS}` } : {},
  );
  const { db } = scratch;
  try {
    const how = await prepare(scratch);
    const { id, path: orgPath, campaignId } = await campaignWithAttempts(db);
    const attempts = await db.query<{ n: number; members: number }>(
      "SELECT count(*)::int AS n, count(DISTINCT member_id)::int AS members FROM study_attempts WHERE campaign_id = $1",
      [campaignId],
    );
    const load = loadavg()[0] ?? 0;
    await unfold(db, campaignId);
    const [whole, wholeMs] = await timed(() => foldCampaignResults(db));
    const [, idleMs] = await timed(() => foldCampaignResults(db));
    await burst(db, campaignId, orgPath);
    const [burstPairs, burstMs] = await timed(() => foldCampaignResults(db));
    const actor: Actor = {
      userId: 0,
      username: "bench.secretary",
      displayName: "全省专题测试书记",
      memberId: null,
      grants: [{ id: 0, role: "secretary", orgId: id, orgPath, orgName: "合成测试省委" }],
    };
    const real: number[] = [];
    const bare: number[] = [];
    let realRows: Counts[] = [];
    let bareRows: Counts[] = [];
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      const r = await campaignResults(db, actor, campaignId, { limit: 50 });
      real.push(performance.now() - t);
      realRows = r.branches;
      t = performance.now();
      bareRows = (await db.query<Counts>(BARE, [campaignId, orgPath])).rows;
      bare.push(performance.now() - t);
    }
    const key = (xs: Counts[]) =>
      xs
        .map((b) => [b.orgId, b.members, b.notStarted, b.inProgress, b.passed, b.failed].join())
        .sort()
        .join("\n");
    const equal = key(realRows) === key(bareRows);
    const total = realRows.reduce((s, b) => s + b.members, 0);

    console.log(
      `\n## Campaign results per branch: ${total.toLocaleString("en-US")} members in ${realRows.length.toLocaleString("en-US")} branches (${how})\n`,
    );
    console.log(
      `${attempts.rows[0]?.n.toLocaleString("en-US")} attempts by ${attempts.rows[0]?.members.toLocaleString("en-US")} members; ${RUNS} runs each, alternating\n`,
    );
    console.log(
      `Fold: whole campaign ${whole.toLocaleString("en-US")} members in ${wholeMs.toFixed(0)} ms; nothing new ${idleMs.toFixed(0)} ms; burst of ${BURST.toLocaleString("en-US")} hand-ins, ${(BURST / 2).toLocaleString("en-US")} new sittings, 100 transfers and 100 archivals: ${burstPairs.toLocaleString("en-US")} pairs recounted in ${burstMs.toFixed(0)} ms\n`,
    );
    console.log("| path | p50 | p95 | min |\n|---|---|---|---|");
    for (const [name, xs] of [
      ["`campaignResults` (route's function: folded branches, first page, accounts)", real],
      ["bare SQL GROUP BY, same per-branch counts", bare],
    ] as const) {
      console.log(
        `| ${name} | ${percentile(xs, 50).toFixed(0)} ms | ${percentile(xs, 95).toFixed(0)} ms | ${Math.min(...xs).toFixed(0)} ms |`,
      );
    }
    console.log(
      `\np50 ratio to the bare GROUP BY: ${(percentile(real, 50) / percentile(bare, 50)).toFixed(2)}×; same counts per branch: ${equal ? "yes" : "NO"}`,
    );
    console.log(
      `load average (1 min) ${load.toFixed(1)} before the folds, ${(loadavg()[0] ?? 0).toFixed(1)} at the end`,
    );
    if (!equal) process.exitCode = 1;
  } finally {
    await scratch.close();
  }
}

await main();
