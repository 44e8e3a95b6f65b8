/**
 * Issue 14's benchmark: a dashboard's twelve months read by key from the rollups against the
 * same figures aggregated live over org_path (ltree), at the root, a mid node and a branch of
 * a synthetic province, in the same run; then the fold lag after a burst of 100,000 events,
 * and what the triggers add to a write.
 *
 *   npx tsx bench/rollups.ts [--members 200000] [--orgs 10000] [--burst 100000] [--keep]
 *
 * Uses BENCH_DATABASE_URL (default: the machine's PostgreSQL at 127.0.0.1:5432) to create a
 * scratch database wg_bench_rollups_<pid>, which it drops at the end unless --keep.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { foldRollups } from "../server/src/modules/rollups/fold-rollups.ts";
import { pendingFacts, readRollups } from "../server/src/modules/rollups/rollups.repo.ts";
import type { Actor } from "../server/src/platform/auth/actor.ts";
import { type Db, withTx } from "../server/src/platform/db/pool.ts";
import { numberArg } from "./support/args.ts";
import { scratchDb } from "./support/scratch-db.ts";
import { yearExam } from "./support/year-exam.ts";

const MEMBERS = numberArg("members", 200_000);
const ORGS = numberArg("orgs", 10_000);
const BURST = numberArg("burst", 100_000);
const RUNS = 40;
const YEAR = 2026;
const seconds = (t0: number) => (performance.now() - t0) / 1000;

type Months = Record<string, number>[];

/** Twelve months from per-metric deltas by month and the opening level of members. */
function twelve(rows: { metric: string; month: string; n: number }[], before: number): Months {
  const months: Months = [];
  let members = before;
  for (let m = 1; m <= 12; m++) {
    const key = `${YEAR}-${String(m).padStart(2, "0")}`;
    const of = (metric: string) =>
      rows.filter((r) => r.metric === metric && r.month === key).reduce((s, r) => s + r.n, 0);
    members += of("members");
    months.push({
      members,
      exam_passed: of("exam_passed"),
      meetings_held: of("meetings_held"),
      rect_opened: of("rect_opened"),
      rect_closed: of("rect_closed"),
    });
  }
  return months;
}

/** The same twelve months aggregated live over the subtree's rows, one pass per source. */
async function liveMonths(db: Db, orgPath: string): Promise<Months> {
  const result = await db.query<{ metric: string; month: string | null; n: number }>(
    `WITH ev AS (
       SELECT 'members' AS metric, date_trunc('month', joined_on)::date AS month, 1 AS d
         FROM members WHERE org_path <@ $1::ltree
       UNION ALL
       SELECT 'members', cn_month(archived_at), -1
         FROM members WHERE org_path <@ $1::ltree AND archived_at IS NOT NULL
       UNION ALL
       SELECT 'exam_passed', cn_month(submitted_at), 1 FROM study_attempts
        WHERE org_path <@ $1::ltree AND passed AND submitted_at >= $2::date AND submitted_at < $3::date
       UNION ALL
       SELECT 'meetings_held', date_trunc('month', held_on)::date, 1 FROM review_meetings
        WHERE org_path <@ $1::ltree AND kind = 'branch_life' AND held_on >= $2::date AND held_on < $3::date
       UNION ALL
       SELECT 'rect_opened', cn_month(created_at), 1 FROM rectification_items
        WHERE org_path <@ $1::ltree AND created_at >= $2::date AND created_at < $3::date
       UNION ALL
       SELECT 'rect_closed', cn_month(closed_at), 1 FROM rectification_items
        WHERE org_path <@ $1::ltree AND status = 'closed' AND closed_at >= $2::date AND closed_at < $3::date)
     SELECT metric, CASE WHEN month < $2::date THEN NULL ELSE to_char(month, 'YYYY-MM') END AS month,
            sum(d)::int AS n
       FROM ev GROUP BY 1, 2`,
    [orgPath, `${YEAR}-01-01`, `${YEAR + 1}-01-01`],
  );
  const before = result.rows
    .filter((r) => r.metric === "members" && r.month === null)
    .reduce((s, r) => s + r.n, 0);
  return twelve(
    result.rows.filter((r) => r.month !== null) as { metric: string; month: string; n: number }[],
    before,
  );
}

/** The dashboard's read: the repo function the trends route calls, scoped to the root. */
async function rollupMonths(db: Db, actor: Actor, orgId: number): Promise<Months> {
  const { rows, before } = await readRollups(db, actor, "members:read", {
    orgId,
    from: `${YEAR}-01-01`,
    to: `${YEAR + 1}-01-01`,
  });
  return twelve(
    rows.map((r) => ({ metric: r.metric, month: r.month, n: r.subtree })),
    before.members ?? 0,
  );
}

async function percentiles(run: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95) };
}

/** A year of events over the province: passed exams, 组织生活会 and rectifications. */
async function yearOfEvents(db: Db, rootId: number) {
  await yearExam(db, rootId, YEAR);
  // Each branch meets once or twice; about one branch in four opens a rectification, half closed.
  await db.query(
    `INSERT INTO review_meetings (kind, org_id, org_path, org_name, held_on, topic, rectify_by)
     SELECT 'branch_life', o.id, o.path, o.name, d, '${YEAR}年度组织生活会', d + 90
       FROM orgs o, LATERAL (SELECT date '${YEAR}-01-15' + ((o.id * k) % 300)::int AS d
                               FROM generate_series(1, 1 + o.id % 2) k) x
      WHERE o.kind = 'branch'`,
  );
  await db.query(
    `INSERT INTO rectification_items (source, org_id, org_path, owner_member_id, owner_name,
       problem, measure, due_on, created_at, status, evidence, done_at, closed_at)
     SELECT 'other', o.id, o.path, m.id, m.name, '转发未经核实的信息', '加强学习，核实后再转发',
            t::date + 60, t,
            CASE WHEN o.id % 2 = 0 THEN 'closed' ELSE 'open' END,
            CASE WHEN o.id % 2 = 0 THEN '已在支部大会上作说明' END,
            CASE WHEN o.id % 2 = 0 THEN t + interval '20 days' END,
            CASE WHEN o.id % 2 = 0 THEN t + interval '25 days' END
       FROM orgs o
       CROSS JOIN LATERAL (SELECT timestamptz '${YEAR}-02-01 10:00+08' + (o.id % 200) * interval '1 day' AS t) x
       JOIN LATERAL (SELECT id, name FROM members WHERE org_id = o.id LIMIT 1) m ON true
      WHERE o.kind = 'branch' AND o.id % 4 = 0`,
  );
}

/** `count` single events (rectifications opened), `perTx` to a transaction; seconds taken. */
async function burst(
  db: Db,
  branches: { id: number; member: number }[],
  count: number,
  perTx: number,
) {
  const t0 = performance.now();
  for (let done = 0; done < count; done += perTx) {
    const n = Math.min(perTx, count - done);
    const picks = Array.from({ length: n }, (_, i) => branches[(done + i) % branches.length]);
    await withTx(db, async (tx) => {
      await tx.query(
        `INSERT INTO rectification_items (source, org_id, org_path, owner_member_id, owner_name,
           problem, measure, due_on, created_at)
         SELECT 'higher_feedback', o.id, o.path, p.member, '王建国', '上级反馈：学习记录不完整',
                '补学并在支部会上说明', cn_today() + 30,
                timestamptz '${YEAR}-01-05 10:00+08' + (p.i % 11) * interval '1 month'
           FROM unnest($1::bigint[], $2::bigint[]) WITH ORDINALITY AS p (org, member, i)
           JOIN orgs o ON o.id = p.org`,
        [picks.map((b) => b?.id), picks.map((b) => b?.member)],
      );
    });
  }
  return seconds(t0);
}

async function main() {
  const scratch = await scratchDb("wg_bench_rollups");
  const { db } = scratch;

  const cli = path.resolve(import.meta.dirname, "../server/bin/wanggui.js");
  let t0 = performance.now();
  const run = spawnSync(
    process.execPath,
    [cli, "seed", "synthetic", "--members", String(MEMBERS), "--orgs", String(ORGS)],
    {
      env: {
        ...process.env,
        DATABASE_URL: scratch.url,
        WANGGUI_FIELD_KEY: Buffer.alloc(32, 9).toString("base64"),
      },
      encoding: "utf8",
    },
  );
  if (run.status !== 0) throw new Error(`seed synthetic failed: ${run.stderr}`);
  const seedSec = seconds(t0);
  const top = await db.query<{ id: number; path: string; name: string }>(
    "SELECT id, path::text AS path, name FROM orgs WHERE parent_id IS NULL ORDER BY id DESC LIMIT 1",
  );
  const province = top.rows[0];
  if (!province) throw new Error("no root org");
  t0 = performance.now();
  await yearOfEvents(db, province.id);
  const eventsSec = seconds(t0);
  const facts = await pendingFacts(db);
  t0 = performance.now();
  await foldRollups(db);
  const initialFoldSec = seconds(t0);
  await db.query("ANALYZE");

  const mid = await db.query<{ id: number; path: string }>(
    `SELECT o.id, o.path::text AS path FROM orgs o
      WHERE nlevel(o.path) = 3 AND o.path <@ $1::ltree
      ORDER BY (SELECT count(*) FROM orgs d WHERE d.path <@ o.path) DESC LIMIT 1`,
    [province.path],
  );
  const branch = await db.query<{ id: number; path: string }>(
    `SELECT o.id, o.path::text AS path FROM orgs o
      WHERE o.kind = 'branch' AND o.member_count > 0 ORDER BY o.member_count DESC LIMIT 1`,
  );
  const actor: Actor = {
    userId: 0,
    username: "bench",
    displayName: "基准测试",
    memberId: null,
    grants: [
      {
        id: 0,
        role: "secretary",
        orgId: province.id,
        orgPath: province.path,
        orgName: province.name,
      },
    ],
  };
  const targets = [
    { label: "root (the province)", ...province },
    { label: "mid node (depth 3, largest)", ...(mid.rows[0] ?? province) },
    { label: "branch (largest)", ...(branch.rows[0] ?? province) },
  ];
  const reads = [];
  for (const t of targets) {
    const size = await db.query<{ orgs: number; members: number }>(
      `SELECT (SELECT count(*) FROM orgs WHERE path <@ $1::ltree)::int AS orgs,
              (SELECT count(*) FROM members WHERE org_path <@ $1::ltree AND archived_at IS NULL)::int AS members`,
      [t.path],
    );
    const live = await liveMonths(db, t.path);
    const rolled = await rollupMonths(db, actor, t.id);
    if (JSON.stringify(live) !== JSON.stringify(rolled)) {
      throw new Error(
        `${t.label}: rollups differ from the live count\n${JSON.stringify({ live, rolled })}`,
      );
    }
    reads.push({
      ...t,
      ...size.rows[0],
      rollup: await percentiles(() => rollupMonths(db, actor, t.id)),
      live: await percentiles(() => liveMonths(db, t.path)),
    });
  }

  // Write cost of the triggers: the same single-event transactions with and without them.
  const branches = (
    await db.query<{ id: number; member: number }>(
      `SELECT o.id, (SELECT id FROM members WHERE org_id = o.id LIMIT 1)::int AS member
         FROM orgs o WHERE o.kind = 'branch' AND o.member_count > 0`,
    )
  ).rows;
  await foldRollups(db);
  const withTriggers = await burst(db, branches, 5_000, 1);
  await db.query(
    "ALTER TABLE rectification_items DISABLE TRIGGER rectification_items_rollup_insert",
  );
  const withoutTriggers = await burst(db, branches, 5_000, 1);
  await db.query(
    "ALTER TABLE rectification_items ENABLE TRIGGER rectification_items_rollup_insert",
  );
  await foldRollups(db);

  // The burst: BURST events, 100 to a transaction, then the fold until nothing is pending.
  const burstSec = await burst(db, branches, BURST, 100);
  const burstFacts = await pendingFacts(db);
  t0 = performance.now();
  const folded = await foldRollups(db);
  const lagSec = seconds(t0);
  const check = targets[0];
  if (check) {
    const live = await liveMonths(db, check.path);
    const rolled = await rollupMonths(db, actor, check.id);
    // The five thousand events made without triggers are, by design, in the live count only.
    const missing =
      live.reduce((s, m) => s + (m.rect_opened ?? 0), 0) -
      rolled.reduce((s, m) => s + (m.rect_opened ?? 0), 0);
    if (missing !== 5_000) throw new Error(`after the burst the root is off by ${missing - 5_000}`);
  }
  const size = await db.query<{ rollups: string; facts: string; rows: number }>(
    `SELECT pg_size_pretty(pg_total_relation_size('org_rollups')) AS rollups,
            pg_size_pretty(pg_total_relation_size('rollup_facts')) AS facts,
            (SELECT count(*) FROM org_rollups)::int AS rows`,
  );

  console.log(`\n## Rollups: ${MEMBERS.toLocaleString()} members, ${ORGS.toLocaleString()} orgs\n`);
  console.log(
    `Seed (COPY, with the member trigger): ${seedSec.toFixed(1)} s; a year of events: ${eventsSec.toFixed(1)} s; ` +
      `${facts.toLocaleString()} facts folded in ${initialFoldSec.toFixed(1)} s; ` +
      `org_rollups ${size.rows[0]?.rows.toLocaleString()} rows, ${size.rows[0]?.rollups}.\n`,
  );
  console.log(
    `| dashboard read (12 months, 5 metrics) | orgs | members | rollups p50 / p95 | live ltree p50 / p95 | live ÷ rollups (p95) |\n|---|---|---|---|---|---|`,
  );
  for (const r of reads) {
    console.log(
      `| ${r.label} | ${r.orgs?.toLocaleString()} | ${r.members?.toLocaleString()} | ${r.rollup.p50.toFixed(2)} / ${r.rollup.p95.toFixed(2)} ms | ${r.live.p50.toFixed(1)} / ${r.live.p95.toFixed(1)} ms | ${(r.live.p95 / r.rollup.p95).toFixed(0)}× |`,
    );
  }
  console.log(
    `\nBurst: ${BURST.toLocaleString()} events in ${BURST / 100} transactions in ${burstSec.toFixed(1)} s → ${burstFacts.toLocaleString()} pending facts; ` +
      `folded ${folded.toLocaleString()} in ${lagSec.toFixed(1)} s (${Math.round(folded / lagSec).toLocaleString()} facts/s).`,
  );
  console.log(
    `Write cost: 5,000 one-event transactions ${withTriggers.toFixed(1)} s with the trigger, ${withoutTriggers.toFixed(1)} s without ` +
      `(${(((withTriggers - withoutTriggers) / 5_000) * 1000).toFixed(2)} ms per event).`,
  );
  await scratch.close();
}

await main();
