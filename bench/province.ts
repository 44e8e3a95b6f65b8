/**
 * Issue 14's province benchmark: a province of 5,000,000 members in 250,000 orgs (depth 8,
 * branches of skewed sizes) with a year of events for every rollup source, folded by the real
 * `foldRollups`. Then, alternating in the same run, the dashboard's trends read (the function
 * `GET /api/dashboards/trends` calls) at the root, a mid node and a branch against the same
 * twelve months counted live, (a) over a recursive CTE of the org tree and (b) over the
 * sources' ltree paths, checking all three agree; the fold lag after a burst of events; and
 * the database's size.
 *
 *   npx tsx bench/province.ts [--members 5000000] [--orgs 250000] [--burst 100000] [--rounds 7] [--keep]
 *
 * The tree and the branch sizes come from the synthetic seed's planner (`planTree`,
 * `memberCounts`); members and events are made inside PostgreSQL by set-based SQL (`INSERT …
 * SELECT generate_series`), so no row is made or encrypted in Node or crosses the wire, and the
 * events need no per-row calls. Members' encrypted ID numbers are placeholder bytes: nothing
 * here decrypts them. The rollup triggers record every statement's facts as in production.
 */

import type { TrendMonth } from "../server/src/modules/dashboards/dashboards.schemas.ts";
import { trends } from "../server/src/modules/dashboards/trends.ts";
import { foldRollups } from "../server/src/modules/rollups/fold-rollups.ts";
import { pendingFacts } from "../server/src/modules/rollups/rollups.repo.ts";
import type { Actor } from "../server/src/platform/auth/actor.ts";
import { numberArg } from "./support/args.ts";
import {
  type LiveMonth,
  liveByLtree,
  liveByRecursiveCte,
  liveShape,
} from "./support/live-months.ts";
import { burst, loadProvince, type Org, YEAR, yearOfEvents } from "./support/province-data.ts";
import { scratchDb } from "./support/scratch-db.ts";
import { percentile, seconds, stepLog, timed } from "./support/steps.ts";

const MEMBERS = numberArg("members", 5_000_000);
const ORGS = numberArg("orgs", 250_000);
const BURST = numberArg("burst", 100_000);
const ROUNDS = numberArg("rounds", 7);
/** Trends reads per round: they are cheap, and a p95 wants more samples than the live ones. */
const READS_PER_ROUND = 20;

const { step, loads } = stepLog();

/** The rollups' months against a live count of the same five sources. */
const same = (rolled: TrendMonth[], live: LiveMonth[]) =>
  JSON.stringify(liveShape(rolled)) === JSON.stringify(live);

async function main() {
  await step(
    `scratch database, ${MEMBERS.toLocaleString("en-US")} members, ${ORGS.toLocaleString("en-US")} orgs`,
  );
  const scratch = await scratchDb("wg_bench_province");
  const { db } = scratch;
  try {
    let t0 = performance.now();
    await loadProvince(db, MEMBERS, ORGS);
    const loadSec = seconds(t0);
    await step(`province loaded in ${loadSec.toFixed(0)} s; a year of events`);
    const rootRow = await db.query<Org>(
      "SELECT id, path::text AS path, name FROM orgs WHERE parent_id IS NULL",
    );
    const root = rootRow.rows[0] as Org;
    t0 = performance.now();
    await yearOfEvents(db, root);
    const eventsSec = seconds(t0);
    const facts = await pendingFacts(db);
    await step(
      `events in ${eventsSec.toFixed(0)} s; folding ${facts.toLocaleString("en-US")} facts`,
    );
    t0 = performance.now();
    await foldRollups(db);
    const foldSec = seconds(t0);
    await db.query("ANALYZE");
    await step(`folded in ${foldSec.toFixed(0)} s; reads`);

    const shape = await db.query<{
      depth: number;
      orgs: number;
      branches: number;
      members: number;
    }>(
      `SELECT max(nlevel(path))::int AS depth, count(*)::int AS orgs,
              count(*) FILTER (WHERE kind = 'branch')::int AS branches,
              sum(member_count)::int AS members FROM orgs`,
    );
    const sizes = await db.query<{ p50: number; p90: number; p99: number; max: number }>(
      `SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY member_count) AS p50,
              percentile_disc(0.9) WITHIN GROUP (ORDER BY member_count) AS p90,
              percentile_disc(0.99) WITHIN GROUP (ORDER BY member_count) AS p99,
              max(member_count) AS max
         FROM orgs WHERE member_count > 0`,
    );
    // The depth-4 node with the most orgs under it, and the branch with the most members.
    const mid = await db.query<Org>(
      `SELECT o.id, o.path::text AS path, o.name FROM orgs o
         JOIN (SELECT subpath(path, 0, 4) AS top, count(*) AS n FROM orgs
                WHERE nlevel(path) >= 4 GROUP BY 1 ORDER BY 2 DESC LIMIT 1) t ON o.path = t.top`,
    );
    const branch = await db.query<Org>(
      `SELECT id, path::text AS path, name FROM orgs
        WHERE kind = 'branch' ORDER BY member_count DESC, id LIMIT 1`,
    );
    const actor: Actor = {
      userId: 0,
      username: "bench.secretary",
      displayName: "全省基准测试书记",
      memberId: null,
      grants: [
        { id: 0, role: "secretary", orgId: root.id, orgPath: root.path, orgName: root.name },
      ],
    };
    const targets = [
      { label: "root (the province)", org: root },
      { label: "mid node (depth 4, most orgs)", org: mid.rows[0] as Org },
      { label: "branch (most members)", org: branch.rows[0] as Org },
    ].map((t) => ({ ...t, read: [] as number[], cte: [] as number[], ltree: [] as number[] }));

    const read = async (org: Org) => (await trends(db, actor, org.id, YEAR)).months;
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of targets) {
        let months = await timed(t.read, () => read(t.org));
        for (let i = 1; i < READS_PER_ROUND; i++) months = await timed(t.read, () => read(t.org));
        // The two live forms take turns going first, so neither always meets a warmer cache.
        const byCte = () => timed(t.cte, () => liveByRecursiveCte(db, t.org.id, YEAR));
        const byLtree = () => timed(t.ltree, () => liveByLtree(db, t.org.path, YEAR));
        const [first, second] = round % 2 === 0 ? [byCte, byLtree] : [byLtree, byCte];
        const a = await first();
        const b = await second();
        if (!same(months, a) || !same(months, b)) {
          throw new Error(
            `${t.label}: the rollups and the live counts differ\n${JSON.stringify({ months, a, b })}`,
          );
        }
      }
      await step(`round ${round + 1} of ${ROUNDS}`);
    }
    const subtree = async (org: Org) =>
      (
        await db.query<{ orgs: number; members: number }>(
          `SELECT count(*)::int AS orgs, sum(member_count)::int AS members
             FROM orgs WHERE path <@ $1::ltree`,
          [org.path],
        )
      ).rows[0];
    const sized = [];
    for (const t of targets) sized.push({ ...t, ...(await subtree(t.org)) });

    // The burst, then the fold until nothing is pending: the lag a dashboard shows beyond the
    // crontab's minute.
    const homes = (
      await db.query<Org>(
        "SELECT id, path::text AS path, name FROM orgs WHERE member_count > 0 ORDER BY id",
      )
    ).rows;
    await step(`burst of ${BURST.toLocaleString("en-US")} events`);
    const burstSec = await burst(db, root, homes, BURST, MEMBERS);
    const burstFacts = await pendingFacts(db);
    await step(
      `burst in ${burstSec.toFixed(0)} s; folding ${burstFacts.toLocaleString("en-US")} facts`,
    );
    t0 = performance.now();
    const folded = await foldRollups(db);
    const lagSec = seconds(t0);
    const after = await read(root);
    if (!same(after, await liveByLtree(db, root.path, YEAR))) {
      throw new Error("after the burst the root's rollups differ from the live count");
    }
    await step(`burst folded in ${lagSec.toFixed(1)} s; sizes`);

    const dbSize = await db.query<{ size: string }>(
      "SELECT pg_size_pretty(pg_database_size(current_database())) AS size",
    );
    const tables = await db.query<{ name: string; rows: number; size: string }>(
      `SELECT c.relname AS name, c.reltuples::bigint AS rows,
              pg_size_pretty(pg_total_relation_size(c.oid)) AS size
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND n.nspname = 'public'
        ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 8`,
    );

    const n = (x: number | undefined) => (x ?? 0).toLocaleString("en-US");
    const s = shape.rows[0];
    const z = sizes.rows[0];
    console.log(`\n## Province: ${n(MEMBERS)} members, ${n(ORGS)} orgs\n`);
    console.log(
      `Tree: ${n(s?.orgs)} orgs, depth ${s?.depth}, ${n(s?.branches)} branches; members per member-holding org ` +
        `p50 ${z?.p50}, p90 ${z?.p90}, p99 ${z?.p99}, max ${z?.max}. Load: orgs and members ${loadSec.toFixed(0)} s; ` +
        `a year of events ${eventsSec.toFixed(0)} s; first fold of ${n(facts)} facts ${foldSec.toFixed(0)} s ` +
        `(${n(Math.round(facts / foldSec))} facts/s).\n`,
    );
    console.log(
      `${ROUNDS} rounds; in each, per org, ${READS_PER_ROUND} trends reads, then the recursive CTE and the ltree aggregate (alternating which goes first); all three gave the same twelve months every time.\n`,
    );
    console.log(
      "| dashboard read (12 months, 5 metrics) | orgs | members | trends (rollups) p50 / p95 | live recursive CTE p50 / p95 | live ltree p50 / p95 | ltree ÷ trends (p95) | CTE ÷ trends (p95) |\n|---|---|---|---|---|---|---|---|",
    );
    for (const t of sized) {
      const p = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95) });
      const [r, c, l] = [p(t.read), p(t.cte), p(t.ltree)];
      console.log(
        `| ${t.label} | ${n(t.orgs)} | ${n(t.members)} | ${r.p50.toFixed(2)} / ${r.p95.toFixed(2)} ms | ${c.p50.toFixed(0)} / ${c.p95.toFixed(0)} ms | ${l.p50.toFixed(0)} / ${l.p95.toFixed(0)} ms | ${(l.p95 / r.p95).toFixed(0)}× | ${(c.p95 / r.p95).toFixed(0)}× |`,
      );
    }
    console.log(
      `\nBurst: ${n(BURST)} events in ${n(BURST / 100)} transactions of 100 (40 passed attempts, 30 rectifications, 20 members joining, 10 组织生活会) in ${burstSec.toFixed(1)} s → ${n(burstFacts)} pending facts; ` +
        `the fold took ${n(folded)} in ${lagSec.toFixed(1)} s (${n(Math.round(folded / lagSec))} facts/s); the root then matched the live count.`,
    );
    console.log(
      `\nDatabase: ${dbSize.rows[0]?.size}.\n\n| table | rows (estimate) | size with indexes |\n|---|---|---|`,
    );
    for (const t of tables.rows) console.log(`| ${t.name} | ${n(t.rows)} | ${t.size} |`);
    console.log(`\nLoad average (1/5/15 min) at each step: ${loads.join("; ")}.`);
  } finally {
    await scratch.close();
  }
}

await main();
