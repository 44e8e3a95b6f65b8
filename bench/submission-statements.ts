/**
 * Issue 10: what the deadline rush's statements cost the database per paper, one client on an
 * otherwise idle PostgreSQL, so the figures are the database's own work and not the load's.
 * Beside each is the same write done bare in the same run: the same UPDATE and INSERT with
 * every trigger off (session_replication_role = replica), which is what a handler without the
 * product's rules (rollup queue, audit guards) would cost.
 *
 *   npx tsx bench/submission-statements.ts [--members 2000] [--batch 64] [--reps 15] [--keep]
 *
 * Per rep: `batch` open papers of 10 questions are read for their key (findAttemptKeys), then
 * closed with their audit rows (submitManyWithAudit); a second set is closed bare; then the
 * audit rows written are sealed (audit_seal). Medians over the reps, in µs per paper.
 */
import { loadavg } from "node:os";
import {
  findAttemptKeys,
  type Submission,
  submitManyWithAudit,
} from "../server/src/modules/study/attempts/attempts.repo.ts";
import type { Queryable } from "../server/src/platform/db/pool.ts";
import { numberArg } from "./support/args.ts";
import { scratchDb } from "./support/scratch-db.ts";
import { seedSynthetic } from "./support/seed-cli.ts";
import { percentile, timed } from "./support/steps.ts";

const MEMBERS = numberArg("members", 2000);
const BATCH = numberArg("batch", 64);
const REPS = numberArg("reps", 15);

/** Ten questions shaped as start-attempt writes them, with stems and explanations. */
const PAPER = `(SELECT jsonb_agg(jsonb_build_object(
    'id', q, 'type', 'single', 'stem', '党员在网络空间应当遵守的第' || q || '项要求是什么？',
    'options', jsonb_build_array('遵守法律法规', '随意转发未经核实的信息', '匿名攻击他人', '泄露工作秘密'),
    'order', jsonb_build_array('0', '1', '2', '3'), 'answer', jsonb_build_array('0'),
    'explanation', '《中国共产党党员网络行为规定》第' || q || '条的要求，党员应当带头。',
    'articleIds', jsonb_build_array(q))) FROM generate_series(1, 10) q)`;

function submissions(ids: number[]): Submission[] {
  return ids.map((id) => ({
    id,
    answers: Object.fromEntries(Array.from({ length: 10 }, (_, q) => [String(q + 1), ["0"]])),
    scored: { correct: 10, total: 10, score: 100, passed: true },
    audit: { userId: 1, label: "王建国", requestId: `req-${id}`, ip: "10.0.0.8" },
  }));
}

async function openIds(db: Queryable, n: number): Promise<number[]> {
  const r = await db.query<{ id: string }>(
    "SELECT id FROM study_attempts WHERE submitted_at IS NULL ORDER BY id LIMIT $1",
    [n],
  );
  return r.rows.map((row) => Number(row.id));
}

async function main() {
  const scratch = await scratchDb("wg_bench_submit", { poolSize: 2 });
  const { db } = scratch;
  seedSynthetic(scratch.url, { members: MEMBERS, orgs: 60, key: 5 });
  await db.query(
    `INSERT INTO study_campaigns (org_id, org_path, title, starts_at, ends_at, status, pass_mark,
       time_limit_minutes, max_attempts, rules)
     SELECT id, path, '网络行为规定专题学习', now() - interval '1 day', now() + interval '1 day',
            'published', 60, 30, 3, '[]' FROM orgs WHERE parent_id IS NULL LIMIT 1`,
  );
  const needed = BATCH * REPS * 2;
  await db.query(
    `INSERT INTO study_attempts (campaign_id, member_id, org_path, attempt_no, deadline_at, paper)
     SELECT (SELECT max(id) FROM study_campaigns), m.id, m.org_path, 1, now() + interval '1 hour',
            ${PAPER}
       FROM members m ORDER BY m.id LIMIT $1`,
    [needed],
  );
  const open = await openIds(db, needed);
  if (open.length < needed) throw new Error(`--members must be at least ${needed}`);
  await db.query("VACUUM ANALYZE");
  // Milliseconds per statement; per paper (and per sealed row) when reported.
  const keys: number[] = [];
  const closes: number[] = [];
  const bare: number[] = [];
  const sealMs: number[] = [];
  const sealRows: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    const ids = await openIds(db, BATCH);
    await timed(keys, () => findAttemptKeys(db, ids));
    await timed(closes, () => submitManyWithAudit(db, submissions(ids)));
    const others = await openIds(db, BATCH);
    const client = await db.connect();
    try {
      await client.query("SET session_replication_role = replica");
      await timed(bare, () => submitManyWithAudit(client, submissions(others)));
      await client.query("RESET session_replication_role");
    } finally {
      client.release();
    }
    const sealed = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE chain_seq IS NULL",
    );
    sealRows.push(sealed.rows[0]?.n ?? 1);
    await timed(sealMs, () => db.query("SELECT * FROM audit_seal(100000)"));
  }
  const perPaper = (ms: number[]) => ms.map((m) => (m * 1000) / BATCH);
  const seals = sealMs.map((m, i) => (m * 1000) / (sealRows[i] ?? 1));
  const med = (xs: number[]) => percentile(xs, 50).toFixed(0);
  const line = (what: string, xs: number[]) =>
    `| ${what} | ${med(xs)} µs | ${percentile(xs, 10).toFixed(0)}–${percentile(xs, 90).toFixed(0)} µs |`;
  process.stdout.write(
    [
      "",
      `## Submission statements per paper: ${REPS} reps of ${BATCH} papers, one client, load ${loadavg()[0]?.toFixed(2)} at the end`,
      "",
      "| statement | median per paper | p10–p90 |",
      "|---|---|---|",
      line("key read (findAttemptKeys)", perPaper(keys)),
      line("close with audit row (submitManyWithAudit), every trigger on", perPaper(closes)),
      line("baseline: the same close with every trigger off", perPaper(bare)),
      line("sealing one audit row (audit_seal)", seals),
      "",
      `Close with triggers: ${((percentile(bare, 50) / percentile(closes, 50)) * 100).toFixed(1)}% of the bare close's speed.`,
      "",
    ].join("\n"),
  );
  await scratch.close();
}

await main();
