/**
 * Issue 14, past one machine: two provinces, each its own Wanggui database on its own
 * PostgreSQL cluster, publish their folded rollups; a national cluster subscribes to both and
 * reads the nation's and each province's twelve months from its local tables (ADR 0028).
 * Checks the national figures equal the sum of the provinces' own dashboard reads, before
 * and after a burst of passed exams in one province, and times how long the burst takes to
 * show at the national node. Then stops the national node, gives the other province the same
 * burst and fold, starts the node again and times how long it takes to catch up.
 *
 *   sudo npx tsx bench/replication.ts [--members 50000] [--orgs 2500] [--burst 50000]
 *                                     [--per-tx 100] [--ports 5441,5442,5443] [--keep]
 *
 * Needs root and the Debian PostgreSQL 15 tools (pg_createcluster, pg_dropcluster): it creates
 * clusters wg_repl_33 (浙江), wg_repl_32 (江苏) and wg_repl_nation on those loopback ports, with
 * trust authentication on loopback, and drops them at the end, on failure and on Ctrl-C,
 * unless --keep. It never touches another cluster.
 */
import { loadavg } from "node:os";
import type { TrendMonth } from "../server/src/modules/dashboards/dashboards.schemas.ts";
import { trends } from "../server/src/modules/dashboards/trends.ts";
import {
  createNationalTables,
  publishToNation,
  subscribeProvince,
} from "../server/src/modules/national/national-node.ts";
import { asNationalMonth, nationalTrends } from "../server/src/modules/national/national-trends.ts";
import { claimProvinceIds } from "../server/src/modules/national/province-ids.ts";
import { foldRollups } from "../server/src/modules/rollups/fold-rollups.ts";
import type { Actor } from "../server/src/platform/auth/actor.ts";
import { chinaToday, chinaYear } from "../server/src/platform/china-date.ts";
import { migrate } from "../server/src/platform/db/migrate.ts";
import type { Db } from "../server/src/platform/db/pool.ts";
import {
  createCluster,
  createDatabase,
  dropClusters,
  portFree,
  setCluster,
  url,
} from "./support/clusters.ts";
import { burst, nationalPasses, slotHeld, walBytes, walLsn } from "./support/replication-load.ts";
import { seedSynthetic } from "./support/seed-cli.ts";
import { yearExam } from "./support/year-exam.ts";

const argv = process.argv;
const arg = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i > 0 ? (argv[i + 1] ?? fallback) : fallback;
};
const MEMBERS = Number(arg("members", "50000"));
const ORGS = Number(arg("orgs", "2500"));
const BURST = Number(arg("burst", "50000"));
const PER_TX = Number(arg("per-tx", "100"));
const PORTS = arg("ports", "5441,5442,5443").split(",").map(Number);
const KEEP = argv.includes("--keep");
const YEAR = chinaYear();
const THIS_MONTH = chinaToday().slice(0, 7);

interface Province {
  code: number;
  name: string;
  cluster: string;
  port: number;
  db?: Db;
  root?: { id: number; path: string; name: string };
}

const provinces: Province[] = [
  { code: 33, name: "浙江", cluster: "wg_repl_33", port: PORTS[0] ?? 5441 },
  { code: 32, name: "江苏", cluster: "wg_repl_32", port: PORTS[1] ?? 5442 },
];
const NATION = { cluster: "wg_repl_nation", port: PORTS[2] ?? 5443 };
const CLUSTERS = [NATION.cluster, ...provinces.map((p) => p.cluster)];
const seconds = (t0: number) => (performance.now() - t0) / 1000;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const say = (line: string) => console.log(line);

/** The province's secretary at its root, for the province's own dashboard read. */
function secretaryOf(root: { id: number; path: string; name: string }): Actor {
  return {
    userId: 0,
    username: "bench",
    displayName: "基准测试",
    memberId: null,
    grants: [{ id: 0, role: "secretary", orgId: root.id, orgPath: root.path, orgName: root.name }],
  };
}

/** A year of events: a third of the members pass the year's exam, each branch meets once. */
async function yearOfEvents(db: Db, rootId: number) {
  await yearExam(db, rootId, YEAR);
  await db.query(
    `INSERT INTO review_meetings (kind, org_id, org_path, org_name, held_on, topic, rectify_by)
     SELECT 'branch_life', id, path, name, date '${YEAR}-01-15' + (id % 300)::int,
            '${YEAR}年度组织生活会', date '${YEAR}-01-15' + (id % 300)::int + 90
       FROM orgs WHERE kind = 'branch'`,
  );
}

async function seedProvince(p: Province) {
  createCluster(p.cluster, p.port);
  const db = await createDatabase(p.port, "wanggui");
  p.db = db;
  await migrate(db);
  await claimProvinceIds(db, p.code);
  seedSynthetic(url(p.port, "wanggui"), {
    members: MEMBERS,
    orgs: ORGS,
    key: p.code,
    extra: ["--seed", String(p.code)],
  });
  const root = await db.query<{ id: number; path: string; name: string }>(
    "SELECT id, path::text AS path, name FROM orgs WHERE parent_id IS NULL",
  );
  const top = root.rows[0];
  if (!top) throw new Error(`${p.name}: no root org`);
  // The synthetic seed names its root after a random place; the demo names it after the province.
  top.name = `中共${p.name}省委员会`;
  await db.query("UPDATE orgs SET name = $2 WHERE id = $1", [top.id, top.name]);
  p.root = top;
  await yearOfEvents(db, p.root.id);
  await foldRollups(db);
  await publishToNation(db);
}

/** Month by month, every count of two reads added; the month and absent counts stay. */
function sum(a: TrendMonth[], b: TrendMonth[]): TrendMonth[] {
  return a.map((m, i) => {
    const o = b[i] as TrendMonth;
    const out: Record<string, unknown> = { ...m };
    for (const [key, value] of Object.entries(m)) {
      if (typeof value === "number") out[key] = value + (o[key as keyof TrendMonth] as number);
    }
    return out as unknown as TrendMonth;
  });
}

/** The national read against the provinces' own reads; throws on the first difference. */
async function check(nation: Db, label: string) {
  const national = await nationalTrends(nation, YEAR);
  const own: TrendMonth[][] = [];
  for (const p of provinces) {
    if (!p.db || !p.root) throw new Error(`${p.name} is not seeded`);
    const mine = (await trends(p.db, secretaryOf(p.root), p.root.id, YEAR)).months.map(
      asNationalMonth,
    );
    const theirs = national.provinces.find((n) => n.province === p.code)?.months;
    if (JSON.stringify(theirs) !== JSON.stringify(mine)) {
      throw new Error(`${label}: ${p.name} differs\n${JSON.stringify({ mine, theirs })}`);
    }
    own.push(mine);
  }
  const expected = sum(own[0] ?? [], own[1] ?? []);
  if (JSON.stringify(national.nation) !== JSON.stringify(expected)) {
    throw new Error(`${label}: the nation differs from the sum of the provinces`);
  }
  return national;
}

/** p50 and p95 of the national read over 20 runs, after the planner has statistics. */
async function readTimes(nation: Db) {
  await nation.query("ANALYZE");
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await nationalTrends(nation, YEAR);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: times[10] ?? 0, p95: times[19] ?? 0 };
}

/** Waits until every table of both subscriptions has finished its initial copy. */
async function initialSync(nation: Db) {
  for (;;) {
    const r = await nation.query<{ waiting: number }>(
      "SELECT count(*) FILTER (WHERE srsubstate <> 'r')::int AS waiting FROM pg_subscription_rel",
    );
    const tables = await nation.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_subscription_rel",
    );
    if (r.rows[0]?.waiting === 0 && tables.rows[0]?.n === 4) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main() {
  if (process.getuid?.() !== 0) throw new Error("run as root: pg_createcluster needs it");
  dropClusters(CLUSTERS);
  for (const port of [NATION.port, ...provinces.map((p) => p.port)]) {
    if (!(await portFree(port)))
      throw new Error(`port ${port} is in use; pick others with --ports`);
  }
  say(`load average at start: ${load()}`);

  let t0 = performance.now();
  for (const p of provinces) await seedProvince(p);
  const seedSec = seconds(t0);

  createCluster(NATION.cluster, NATION.port);
  const nation = await createDatabase(NATION.port, "nation");
  try {
    await createNationalTables(nation);
    t0 = performance.now();
    for (const p of provinces) {
      await subscribeProvince(
        nation,
        `province_${p.code}`,
        `host=127.0.0.1 port=${p.port} dbname=wanggui user=postgres`,
      );
    }
    await initialSync(nation);
    const syncSec = seconds(t0);
    const rows = await nation.query<{ orgs: number; rollups: number; size: string }>(
      `SELECT (SELECT count(*) FROM orgs)::int AS orgs, (SELECT count(*) FROM org_rollups)::int AS rollups,
              pg_size_pretty(pg_total_relation_size('org_rollups')) AS size`,
    );
    await check(nation, "after the initial copy");
    const reads = await readTimes(nation);

    // The burst in the first province, its fold, then the wait until the nation sees it.
    const [zj, js] = provinces;
    if (!zj?.db || !zj.root || !js?.db || !js.root) throw new Error("provinces are not seeded");
    const passesBefore = await nationalPasses(nation, zj.root.id, THIS_MONTH);
    const lsn = await walLsn(zj.db);
    t0 = performance.now();
    await burst(zj.db, BURST, PER_TX);
    const burstSec = seconds(t0);
    const foldLsn = await walLsn(zj.db);
    const tFold = performance.now();
    const folded = await foldRollups(zj.db);
    const foldSec = seconds(tFold);
    const tFolded = performance.now();
    const wal = { all: await walBytes(zj.db, lsn), fold: await walBytes(zj.db, foldLsn) };
    let polls = 0;
    while ((await nationalPasses(nation, zj.root.id, THIS_MONTH)) !== passesBefore + BURST) {
      polls++;
      if (seconds(tFolded) > 600) throw new Error("the burst did not reach the nation in 10 min");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const lagSec = seconds(tFolded);
    const totalSec = seconds(t0);
    await check(nation, "after the burst");

    // An outage of the national node: the other province's burst and fold wait in its slot.
    const jsBefore = await nationalPasses(nation, js.root.id, THIS_MONTH);
    setCluster(NATION.cluster, "stop");
    await burst(js.db, BURST, PER_TX);
    await foldRollups(js.db);
    const held = await slotHeld(js.db);
    const tUp = performance.now();
    setCluster(NATION.cluster, "start");
    const startSec = seconds(tUp);
    while (
      (await nationalPasses(nation, js.root.id, THIS_MONTH).catch(() => -1)) !==
      jsBefore + BURST
    ) {
      if (seconds(tUp) > 600) throw new Error("the national node did not catch up in 10 min");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const catchUpSec = seconds(tUp);
    const after = await check(nation, "after catching up");

    say(
      `\n## Replicated rollups: 2 provinces × ${MEMBERS.toLocaleString()} members, ${ORGS.toLocaleString()} orgs\n`,
    );
    say(
      `Clusters ${provinces.map((p) => `${p.cluster} (${p.name}) :${p.port}`).join(", ")}, ` +
        `${NATION.cluster} :${NATION.port}; both provinces seeded ` +
        `(migrate, seed synthetic, a year of events, fold) in ${seedSec.toFixed(1)} s.`,
    );
    say(
      `Initial copy: ${rows.rows[0]?.orgs.toLocaleString()} orgs and ${rows.rows[0]?.rollups.toLocaleString()} rollup rows ` +
        `(${rows.rows[0]?.size} at the national node) ` +
        `in ${syncSec.toFixed(1)} s. National read (nation + 2 provinces, 12 months, after ANALYZE, 20 runs): ` +
        `p50 ${reads.p50.toFixed(1)} ms, p95 ${reads.p95.toFixed(1)} ms; equal to the sum of the provinces' own reads.`,
    );
    say(
      `Burst in ${zj.name}: ${BURST.toLocaleString()} passed exams in ${Math.ceil(BURST / PER_TX)} transactions ` +
        `in ${burstSec.toFixed(1)} s; fold of ${folded.toLocaleString()} facts ${foldSec.toFixed(1)} s; ` +
        `at the national node ${lagSec.toFixed(2)} s after the fold's last commit (${polls} polls of 20 ms); ` +
        `${totalSec.toFixed(1)} s from the burst's first insert. ` +
        `WAL on the province: ${(wal.all / 2 ** 20).toFixed(0)} MiB for burst and fold, ${(wal.fold / 2 ** 20).toFixed(0)} MiB of it the fold.`,
    );
    say(
      `National node stopped; the same burst and its fold in ${js.name} meanwhile, ` +
        `${(held / 2 ** 20).toFixed(0)} MiB of WAL held by its slot. Node started (${startSec.toFixed(1)} s) and ` +
        `caught up ${catchUpSec.toFixed(2)} s after the start command; the national read then again equals the provinces' own.`,
    );
    say(`After both bursts the national read equals each province's own read and their sum:\n`);
    say(
      `| ${THIS_MONTH} | members at month end | exams passed | 组织生活会 held |\n|---|---|---|---|`,
    );
    const row = (label: string, months: TrendMonth[]) => {
      const m = months.find((x) => x.month === THIS_MONTH);
      say(
        `| ${label} | ${m?.members.toLocaleString()} | ${m?.examPassed.toLocaleString()} | ${m?.meetingsHeld.toLocaleString()} |`,
      );
    };
    for (const p of after.provinces) row(`${p.province} ${p.roots.join("、")}`, p.months);
    row("nation", after.nation);
    say(`load average at end: ${load()}`);
  } finally {
    await nation.end();
    for (const p of provinces) await p.db?.end();
  }
}

function teardown() {
  if (KEEP) {
    say(
      `--keep: clusters left running (${CLUSTERS.join(", ")}); drop with pg_dropcluster 15 <name> --stop`,
    );
    return;
  }
  dropClusters(CLUSTERS);
}

process.once("SIGINT", () => {
  teardown();
  process.exit(130);
});

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  teardown();
}
