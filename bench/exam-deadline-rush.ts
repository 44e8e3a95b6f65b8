/**
 * Issues 6 and 10: the exam deadline rush. 2,000 members on loopback hand in their papers
 * within one minute against a real running server. In the same run and at the same
 * concurrency, bare Fastify + pg handlers are the baselines: one that writes two rows in one
 * transaction (for submissions), the same coalesced across requests as the server's
 * submissions are (ADR 0034), and one that answers a hello JSON (for a signed-in request that
 * does nothing). Afterwards every acknowledged submission must be in the
 * database with the score the server returned.
 *
 *   npx tsx bench/exam-deadline-rush.ts [--members 2000] [--concurrency 64] [--questions 10] [--rounds 4] [--warm 400] [--keep]
 *
 * Each path and its baseline run in alternating slices of the members (ROUNDS of them), so a
 * machine shared with other work weighs on both alike rather than on whichever ran later.
 * Bounded and self-stopping: each member submits once, and the run stops at 60 s whatever
 * is left. Uses BENCH_DATABASE_URL (default: the machine's PostgreSQL) to create
 * wg_bench_rush_<pid>, seeds members with the real CLI, starts the real server, and drops the
 * database at the end. BENCH_CPU_PROF=<dir> writes the CPU profiles of the server process and of
 * the bare one there (bench/support/cpu-profile.ts summarizes them).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { foldRollups } from "../server/src/modules/rollups/fold-rollups.ts";
import { createSession } from "../server/src/platform/auth/sessions.ts";
import { createPool } from "../server/src/platform/db/pool.ts";
import { numberArg } from "./support/args.ts";
import { freePort } from "./support/http-load.ts";
import { line, pacedRuns } from "./support/paired-rush.ts";

const MEMBERS = numberArg("members", 2000);
/**
 * Members more, whose no-ops and submissions (and as many to each bare handler) run first,
 * unmeasured: every path is then warm when it is timed. Without it the bare handlers were timed
 * cold and ran at about half their warm speed (docs/benchmarks.md, 2026-12-03 10:10 UTC).
 */
const WARM = numberArg("warm", 400);
const CONCURRENCY = numberArg("concurrency", 64);
const QUESTIONS = numberArg("questions", 10);
const ROUNDS = numberArg("rounds", 4);
/** Leaves the scratch database behind, to look at its statements with EXPLAIN or pgbench. */
const KEEP = process.argv.includes("--keep");
const WINDOW_MS = 60_000;
const admin = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
// Its own name per run: other engineers run this bench against the same PostgreSQL.
const NAME = `wg_bench_rush_${process.pid}`;
const { rush, paired } = pacedRuns({
  concurrency: CONCURRENCY,
  rounds: ROUNDS,
  windowMs: WINDOW_MS,
});
const cli = path.resolve(import.meta.dirname, "../server/bin/wanggui.js");

const dbUrl = (name: string) => Object.assign(new URL(admin), { pathname: `/${name}` }).toString();
const env = (port: number) => ({
  ...process.env,
  DATABASE_URL: dbUrl(NAME),
  PORT: String(port),
  WANGGUI_FIELD_KEY: Buffer.alloc(32, 3).toString("base64"),
});

async function prepare(db: pg.Pool) {
  const root = (
    await db.query<{ id: number; path: string }>(
      "SELECT id, path::text AS path FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1",
    )
  ).rows[0];
  if (!root) throw new Error("no org tree");
  // Questions straight into the bank: the rush measures submission, not authoring.
  const articles = (
    await db.query<{ id: number }>("SELECT id FROM regulation_articles ORDER BY id")
  ).rows;
  for (let i = 0; i < QUESTIONS * 2; i++) {
    await db.query(
      `INSERT INTO study_questions (org_id, org_path, type, stem, options, answer, explanation, article_ids, status, origin)
       VALUES ($1, $2::ltree, 'single', $3, ARRAY['甲','乙','丙','丁'], ARRAY['1'], '解析', ARRAY[$4::bigint], 'approved', 'manual')`,
      [root.id, root.path, `基准测试题 ${i + 1}`, articles[i % articles.length]?.id],
    );
  }
  const campaign = await db.query<{ id: number }>(
    `INSERT INTO study_campaigns (org_id, org_path, title, starts_at, ends_at, status, pass_mark, time_limit_minutes, max_attempts, rules, published_at)
     VALUES ($1, $2::ltree, '截止前交卷压力测试', now() - interval '1 hour', now() + interval '1 day', 'published', 60, 120, 1, $3, now())
     RETURNING id`,
    [root.id, root.path, JSON.stringify([{ chapter: null, type: null, count: QUESTIONS }])],
  );
  const members = (
    await db.query<{ id: number }>(
      "SELECT id FROM members WHERE archived_at IS NULL ORDER BY id LIMIT $1",
      [MEMBERS + WARM],
    )
  ).rows;
  const cookies: string[] = [];
  for (const m of members) {
    const user = await db.query<{ id: number }>(
      `INSERT INTO users (username, display_name, member_id, password_hash, must_change_password, pi_consent_at, pi_consent_version)
       VALUES ($1, $1, $2, 'x', false, now(), '2024-01') RETURNING id`,
      [`bench.m${m.id}`, m.id],
    );
    const userId = user.rows[0]?.id ?? 0;
    await db.query(
      "INSERT INTO role_grants (user_id, role, org_id) SELECT $1, 'member', org_id FROM members WHERE id = $2",
      [userId, m.id],
    );
    const { token, csrfToken } = await createSession(db, userId, "active");
    cookies.push(JSON.stringify({ cookie: `wg_session=${token}`, csrf: csrfToken }));
  }
  await db.query(
    "CREATE TABLE bench_baseline (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, member_id bigint, payload jsonb, at timestamptz DEFAULT now())",
  );
  await db.query("ANALYZE");
  return {
    campaignId: campaign.rows[0]?.id ?? 0,
    sessions: cookies.map((c) => JSON.parse(c) as { cookie: string; csrf: string }),
  };
}

async function main() {
  const rootDb = new pg.Client({ connectionString: admin });
  await rootDb.connect();
  await rootDb.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await rootDb.query(`CREATE DATABASE ${NAME}`);
  const port = await freePort();
  const seed = spawnSync(
    process.execPath,
    [cli, "seed", "synthetic", "--members", String(MEMBERS + WARM), "--orgs", "40"],
    { env: env(port), encoding: "utf8" },
  );
  if (seed.status !== 0) throw new Error(seed.stderr);

  let server: ChildProcess | undefined;
  const db = createPool(dbUrl(NAME), 10);
  const prof = process.env.BENCH_CPU_PROF
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  try {
    server = spawn(process.execPath, [...prof, cli, "start"], {
      env: env(port),
      stdio: ["ignore", "ignore", "inherit"],
    });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 120; i++) {
      if (
        await fetch(`${base}/api/health`)
          .then((r) => r.ok)
          .catch(() => false)
      )
        break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const { campaignId, sessions } = await prepare(db);
    const headers = (s: { cookie: string; csrf: string }) => ({
      cookie: s.cookie,
      "x-csrf-token": s.csrf,
      "content-type": "application/json",
    });

    // Every member opens the paper before the rush (not measured): the sitting and its key exist.
    const papers = new Map<number, { attemptId: number; answers: Record<string, string[]> }>();
    await rush(
      sessions.map((s, i) => ({ s, i })),
      async ({ s, i }) => {
        const res = await fetch(`${base}/api/study/tasks/${campaignId}/attempts`, {
          method: "POST",
          headers: headers(s),
          body: "{}",
        });
        if (!res.ok) return false;
        const a = (await res.json()) as {
          id: number;
          questions: { id: number; options: { key: string }[] }[];
        };
        // About three in four answers right, so scores vary.
        const answers = Object.fromEntries(
          a.questions.map((q, n) => [String(q.id), [(n + i) % 4 === 0 ? "0" : "1"]]),
        );
        papers.set(i, { attemptId: a.id, answers });
        return true;
      },
      // Not measured, so it may take longer on a busy machine; still bounded.
      5 * WINDOW_MS,
    );
    if (papers.size !== sessions.length)
      throw new Error(`only ${papers.size} of ${sessions.length} papers opened`);

    // Bare Fastify + pg in a process of its own (bench/bare-server.ts): the same HTTP on
    // loopback and a pool of 10, nothing of Wanggui's.
    const bare = spawn(
      process.execPath,
      [...prof, "--import", "tsx", path.join(import.meta.dirname, "bare-server.ts")],
      {
        env: env(port),
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const bareBase = await new Promise<string>((resolve) =>
      bare.stdout?.once("data", (chunk) => resolve(String(chunk).trim())),
    );
    const indexes = sessions.map((_, i) => i).slice(WARM);
    const warm = sessions.map((_, i) => i).slice(0, WARM);
    const hello = async () => {
      const res = await fetch(`${bareBase}/hello`);
      await res.arrayBuffer();
      return res.ok;
    };
    // The floor under any signed-in request: session check and actor, nothing else.
    const noOp = async (i: number) => {
      const res = await fetch(`${base}/api/auth/session`, {
        headers: headers(sessions[i] as { cookie: string; csrf: string }),
      });
      await res.arrayBuffer();
      return res.ok;
    };
    for (const path of [hello, noOp]) await rush(warm, path, WINDOW_MS);
    const [bareHello, signedIn] = await paired(indexes, hello, noOp, {
      baseline: bare.pid,
      path: server.pid,
    });

    const bareSubmit = (route: string) => async (i: number) => {
      const res = await fetch(`${bareBase}/${route}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ memberId: i, answers: papers.get(i)?.answers }),
      });
      await res.arrayBuffer();
      return res.ok;
    };
    const acknowledged = new Map<number, number>();
    const serverSubmit = async (i: number) => {
      const paper = papers.get(i);
      if (!paper) return false;
      const res = await fetch(`${base}/api/study/attempts/${paper.attemptId}/submit`, {
        method: "POST",
        headers: headers(sessions[i] as { cookie: string; csrf: string }),
        body: JSON.stringify({ answers: paper.answers }),
      });
      if (!res.ok) return false;
      acknowledged.set(paper.attemptId, ((await res.json()) as { score: number }).score);
      return true;
    };
    for (const path of [bareSubmit("submit"), bareSubmit("submit-coalesced"), serverSubmit]) {
      await rush(warm, path, WINDOW_MS);
    }
    // The server shares one statement among submissions in flight (ADR 0034); the same done
    // bare is the ceiling for that, against the per-request bare handler in the same run.
    const [bareWriteBeside, bareCoalesced] = await paired(
      indexes,
      bareSubmit("submit"),
      bareSubmit("submit-coalesced"),
      { baseline: bare.pid, path: bare.pid },
    );
    const [bareWrite, submit] = await paired(indexes, bareSubmit("submit"), serverSubmit, {
      baseline: bare.pid,
      path: server.pid,
    });
    bare.kill("SIGINT");

    const stored = await db.query<{ id: number; score: number }>(
      "SELECT id, score FROM study_attempts WHERE id = ANY($1::bigint[]) AND submitted_at IS NOT NULL",
      [[...acknowledged.keys()]],
    );
    const missing = [...acknowledged].filter(
      ([id, score]) => !stored.rows.some((r) => r.id === id && r.score === score),
    );
    const audited = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'study.attempt.submit'",
    );

    console.log(
      `\n## Exam deadline rush: ${indexes.length} members timed (after ${warm.length} to warm each path), ${QUESTIONS} questions each, ${CONCURRENCY} concurrent clients on loopback, ${ROUNDS} alternating slices per pair, window ${WINDOW_MS / 1000} s\n`,
    );
    console.log(
      "| path | acknowledged | failed | elapsed | per second | p50 | p95 | p99 | server CPU per request | database CPU per request |\n|---|---|---|---|---|---|---|---|---|---|",
    );
    console.log(line("baseline: bare Fastify + pg, GET hello JSON", bareHello));
    console.log(line("GET /api/auth/session (signed in, no work)", signedIn));
    console.log(line("baseline: bare Fastify + pg, two-row INSERT transaction", bareWrite));
    console.log(line("POST /api/study/attempts/:id/submit", submit));
    console.log(line("bare two-row INSERT transaction, beside the coalesced one", bareWriteBeside));
    console.log(line("bare, the same two rows coalesced across requests", bareCoalesced));
    const ratio = (a: { perSecond: number }, b: { perSecond: number }) =>
      ((100 * a.perSecond) / b.perSecond).toFixed(1);
    console.log(
      `\nSigned-in no-op: ${ratio(signedIn, bareHello)}% of bare hello JSON. Submissions: ${ratio(submit, bareWrite)}% of the bare two-row transaction; ${ratio(submit, bareCoalesced)}% of the bare coalesced one (which ran at ${ratio(bareCoalesced, bareWriteBeside)}% of the bare two-row transaction beside it).`,
    );
    console.log(
      `Acknowledged ${acknowledged.size}; in the database with the acknowledged score: ${stored.rowCount}; missing or different: ${missing.length}; submit audit rows: ${audited.rows[0]?.n}.`,
    );
    // The rollup work a submission queues (migration 0042) is done by the fold, off the
    // request; timed here so that it is counted somewhere, not hidden.
    const queued = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM rollup_attempt_changes",
    );
    const foldStart = performance.now();
    await foldRollups(db);
    const foldMs = performance.now() - foldStart;
    console.log(
      `Rollup changes queued by the submissions and not yet folded by the server's own cron: ${queued.rows[0]?.n}; folded after the rush in ${foldMs.toFixed(0)} ms (${((1000 * foldMs) / Math.max(1, queued.rows[0]?.n ?? 0)).toFixed(0)} µs each).`,
    );
    if (missing.length > 0) process.exitCode = 1;
  } finally {
    server?.kill("SIGINT");
    await new Promise((r) => setTimeout(r, 2000));
    await db.end();
    if (KEEP) console.log(`Kept the scratch database ${NAME} (--keep); drop it by hand.`);
    else await rootDb.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
    await rootDb.end();
  }
}

await main();
