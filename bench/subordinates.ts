/**
 * 下级对比 at a province's root and a mid node (issue 14): `subordinateFacts`, which reads the
 * members, members passed, branches and branches met from the rollups by key (migration 0041),
 * against the live query it replaced (kept below as the baseline), same data, same run, taking
 * turns to go first. Every read of both must give the same rows, or the run fails. Also the
 * rectification part alone (still live, over open items only).
 *
 *   npx tsx bench/subordinates.ts [--members 500000] [--orgs 25000] [--rounds 7] [--keep]
 *
 * The province is bench/province.ts's (`loadProvince`, `yearOfEvents`: no member moves, so a
 * member's passes of the year all lie under one child and both definitions of "passed" agree).
 */

import {
  type SubordinateRow,
  subordinateFacts,
} from "../server/src/modules/dashboards/subordinates.repo.ts";
import { foldRollups } from "../server/src/modules/rollups/fold-rollups.ts";
import { pendingFacts } from "../server/src/modules/rollups/rollups.repo.ts";
import type { Queryable } from "../server/src/platform/db/pool.ts";
import { numberArg } from "./support/args.ts";
import { loadProvince, type Org, YEAR, yearOfEvents } from "./support/province-data.ts";
import { scratchDb } from "./support/scratch-db.ts";
import { percentile, seconds, stepLog, timed } from "./support/steps.ts";

const MEMBERS = numberArg("members", 500_000);
const ORGS = numberArg("orgs", 25_000);
const ROUNDS = numberArg("rounds", 7);

const { step, loads } = stepLog();

/** The query subordinates.repo.ts ran before 0041, word for word: the baseline. */
async function liveBefore(
  db: Queryable,
  q: { parentId: number; yearStart: string; yearEnd: string },
): Promise<SubordinateRow[]> {
  const result = await db.query<SubordinateRow>(
    `WITH kids AS (
       SELECT id, name, kind, path FROM orgs WHERE parent_id = $1 AND archived_at IS NULL),
     mem AS (
       SELECT k.id, sum(r.subtree)::int AS n FROM kids k
         JOIN org_rollups r ON r.org_id = k.id AND r.metric = 'members' GROUP BY k.id),
     passed AS (
       SELECT k.id, count(DISTINCT a.member_id)::int AS n FROM kids k
         JOIN study_attempts a ON a.org_path <@ k.path AND a.passed
          AND a.submitted_at >= $2::date AND a.submitted_at < $3::date
        GROUP BY k.id),
     branch AS (
       SELECT k.id, count(*)::int AS n,
              count(*) FILTER (WHERE NOT EXISTS (
                SELECT 1 FROM review_meetings r
                 WHERE r.org_id = b.id AND r.kind = 'branch_life'
                   AND r.held_on >= $2::date AND r.held_on < $3::date))::int AS without
         FROM kids k JOIN orgs b ON b.path <@ k.path AND b.kind = 'branch' AND b.archived_at IS NULL
        GROUP BY k.id),
     rect AS (
       SELECT k.id, count(*)::int AS open,
              count(*) FILTER (WHERE x.due_on < cn_today())::int AS overdue
         FROM kids k JOIN rectification_items x ON x.org_path <@ k.path AND x.status = 'open'
        GROUP BY k.id)
     SELECT k.id, k.name, k.kind,
            coalesce(mem.n, 0) AS members, coalesce(passed.n, 0) AS passed,
            coalesce(branch.n, 0) AS branches,
            coalesce(branch.without, 0) AS branches_without_meeting,
            coalesce(rect.open, 0) AS rect_open, coalesce(rect.overdue, 0) AS rect_overdue
       FROM kids k
       LEFT JOIN mem USING (id) LEFT JOIN passed USING (id)
       LEFT JOIN branch USING (id) LEFT JOIN rect USING (id)`,
    [q.parentId, q.yearStart, q.yearEnd],
  );
  return result.rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** The part the new read still counts live: open and overdue rectifications per child. */
async function rectOnly(db: Queryable, parentId: number) {
  await db.query(
    `SELECT k.id, count(*)::int AS open, count(*) FILTER (WHERE x.due_on < cn_today())::int
       FROM orgs k JOIN rectification_items x ON x.org_path <@ k.path AND x.status = 'open'
      WHERE k.parent_id = $1 AND k.archived_at IS NULL GROUP BY k.id`,
    [parentId],
  );
}

const sorted = (rows: SubordinateRow[]) => JSON.stringify([...rows].sort((a, b) => a.id - b.id));

async function main() {
  await step(
    `scratch database, ${MEMBERS.toLocaleString("en-US")} members, ${ORGS.toLocaleString("en-US")} orgs`,
  );
  const scratch = await scratchDb("wg_bench_subordinates");
  const { db } = scratch;
  try {
    let t0 = performance.now();
    await loadProvince(db, MEMBERS, ORGS);
    await step(`loaded in ${seconds(t0).toFixed(0)} s; a year of events`);
    const root = (
      await db.query<Org>("SELECT id, path::text AS path, name FROM orgs WHERE parent_id IS NULL")
    ).rows[0] as Org;
    t0 = performance.now();
    await yearOfEvents(db, root);
    const eventsSec = seconds(t0);
    await step(
      `events in ${eventsSec.toFixed(0)} s; folding ${(await pendingFacts(db)).toLocaleString("en-US")} facts`,
    );
    t0 = performance.now();
    await foldRollups(db);
    await db.query("ANALYZE");
    await step(`folded in ${seconds(t0).toFixed(0)} s; reads`);

    // The depth-4 node with the most orgs under it, as in bench/province.ts.
    const mid = (
      await db.query<Org>(
        `SELECT o.id, o.path::text AS path, o.name FROM orgs o
           JOIN (SELECT subpath(path, 0, 4) AS top, count(*) AS n FROM orgs
                  WHERE nlevel(path) >= 4 GROUP BY 1 ORDER BY 2 DESC LIMIT 1) t ON o.path = t.top`,
      )
    ).rows[0] as Org;
    const q = (org: Org) => ({
      parentId: org.id,
      yearStart: `${YEAR}-01-01`,
      yearEnd: `${YEAR + 1}-01-01`,
    });
    const targets = [
      { label: "root (the province)", org: root },
      { label: "mid node (depth 4, most orgs)", org: mid },
    ].map((t) => ({ ...t, live: [] as number[], rolled: [] as number[], rect: [] as number[] }));
    for (let round = 0; round < ROUNDS; round++) {
      for (const t of targets) {
        const live = () => timed(t.live, () => liveBefore(db, q(t.org)));
        const rolled = () => timed(t.rolled, () => subordinateFacts(db, q(t.org)));
        const [first, second] = round % 2 === 0 ? [live, rolled] : [rolled, live];
        const [a, b] = [await first(), await second()];
        if (sorted(a) !== sorted(b)) {
          throw new Error(`${t.label}: the two reads differ\n${sorted(a)}\n${sorted(b)}`);
        }
        await timed(t.rect, () => rectOnly(db, t.org.id));
      }
      await step(`round ${round + 1} of ${ROUNDS}`);
    }
    const counts = await db.query<{ members: number; attempts: number; open: number }>(
      `SELECT (SELECT count(*)::int FROM members WHERE archived_at IS NULL) AS members,
              (SELECT count(*)::int FROM study_attempts WHERE passed) AS attempts,
              (SELECT count(*)::int FROM rectification_items WHERE status = 'open') AS open`,
    );
    const c = counts.rows[0];
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    const lines = [
      "",
      `下级对比, ${MEMBERS.toLocaleString("en-US")} members planned (${c?.members.toLocaleString("en-US")} on the roster), ${ORGS.toLocaleString("en-US")} orgs, ${c?.attempts.toLocaleString("en-US")} passed attempts, ${c?.open.toLocaleString("en-US")} open rectifications; ${ROUNDS} reads of each; events ${eventsSec.toFixed(0)} s`,
      "",
      "| org | live before 0041 p50 / p95 | rollups p50 / p95 | live ÷ rollups (p50) | rectifications part p50 |",
      "|---|---|---|---|---|",
      ...targets.map(
        (t) =>
          `| ${t.label} | ${ms(percentile(t.live, 50))} / ${ms(percentile(t.live, 95))} | ${ms(percentile(t.rolled, 50))} / ${ms(percentile(t.rolled, 95))} | ${(percentile(t.live, 50) / percentile(t.rolled, 50)).toFixed(0)}× | ${ms(percentile(t.rect, 50))} |`,
      ),
      "",
      `Load average (1, 5, 15 min) at each step: ${loads.join("; ")}`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    await scratch.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exit(1);
});
