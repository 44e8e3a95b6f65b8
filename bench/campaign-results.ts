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
 * With --keep the database `wg_bench_campaign_<members>` is left in place, and a later run
 * with --keep reuses it instead of seeding again (the output says so).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
// The server's request types gain `cookies` from this plugin where app.ts registers it; the
// bench reaches the auth plugin through the study module without app.ts.
import type {} from "@fastify/cookie";
import pg from "pg";
import { campaignResults } from "../server/src/modules/study/campaigns/campaign-results.ts";
import type { Actor } from "../server/src/platform/auth/actor.ts";
import { migrate } from "../server/src/platform/db/migrate.ts";
import { createPool } from "../server/src/platform/db/pool.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MEMBERS = arg("members", 1_000_000);
const ORGS = arg("orgs", 50_000);
const RUNS = arg("runs", 7);
const KEEP = process.argv.includes("--keep");
const admin = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
// Other engineers run benches against the same PostgreSQL: a name of its own per run, unless
// the database is meant to be kept and reused.
const NAME = KEEP ? `wg_bench_campaign_${MEMBERS}` : `wg_bench_campaign_${process.pid}`;
const cli = path.resolve(import.meta.dirname, "../server/bin/wanggui.js");
const url = Object.assign(new URL(admin), { pathname: `/${NAME}` }).toString();

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

async function seeded(db: pg.Pool): Promise<boolean> {
  const r = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM members");
  return (r.rows[0]?.n ?? 0) >= MEMBERS;
}

async function prepare(root: pg.Client): Promise<string> {
  const exists = await root.query("SELECT 1 FROM pg_database WHERE datname = $1", [NAME]);
  if (!KEEP || exists.rowCount === 0) {
    await root.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
    await root.query(`CREATE DATABASE ${NAME}`);
  }
  const db = createPool(url, 2);
  try {
    await migrate(db);
    if (await seeded(db)) return "reused the database seeded by an earlier run";
    const started = performance.now();
    const seed = spawnSync(
      process.execPath,
      [cli, "seed", "synthetic", "--members", String(MEMBERS), "--orgs", String(ORGS)],
      {
        env: {
          ...process.env,
          DATABASE_URL: url,
          WANGGUI_FIELD_KEY: Buffer.alloc(32, 5).toString("base64"),
        },
        encoding: "utf8",
      },
    );
    if (seed.status !== 0) throw new Error(seed.stderr);
    const seconds = (performance.now() - started) / 1000;
    return `seeded with the CLI in ${seconds.toFixed(1)} s`;
  } finally {
    await db.end();
  }
}

/**
 * A campaign at the root, and attempts for ~70 % of its members, spread by a hash of the
 * member id: ~45 % passed at once, ~8 % failed then passed, ~10 % failed, ~7 % still open.
 */
async function campaignWithAttempts(db: pg.Pool) {
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

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

async function main() {
  const root = new pg.Client({ connectionString: admin });
  await root.connect();
  try {
    const how = await prepare(root);
    const db = createPool(url, 4);
    try {
      const { id, path: orgPath, campaignId } = await campaignWithAttempts(db);
      const attempts = await db.query<{ n: number; members: number }>(
        "SELECT count(*)::int AS n, count(DISTINCT member_id)::int AS members FROM study_attempts WHERE campaign_id = $1",
        [campaignId],
      );
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
      console.log("| path | p50 | p95 | min |\n|---|---|---|---|");
      for (const [name, xs] of [
        ["`campaignResults` (route's function: branches, first page, accounts)", real],
        ["bare SQL GROUP BY, same per-branch counts", bare],
      ] as const) {
        console.log(
          `| ${name} | ${percentile(xs, 50).toFixed(0)} ms | ${percentile(xs, 95).toFixed(0)} ms | ${Math.min(...xs).toFixed(0)} ms |`,
        );
      }
      console.log(
        `\np50 ratio to the bare GROUP BY: ${(percentile(real, 50) / percentile(bare, 50)).toFixed(2)}×; same counts per branch: ${equal ? "yes" : "NO"}`,
      );
      if (!equal) process.exitCode = 1;
    } finally {
      await db.end();
    }
  } finally {
    if (!KEEP) await root.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
    await root.end();
  }
}

await main();
