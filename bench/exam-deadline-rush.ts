/**
 * Issue 6: the exam deadline rush. 2,000 members on loopback hand in their papers within one
 * minute against a real running server; a plain single-row INSERT through the same kind of
 * pool, at the same concurrency, in the same run, is the baseline. Afterwards every
 * acknowledged submission must be in the database with the score the server returned.
 *
 *   npx tsx bench/exam-deadline-rush.ts [--members 2000] [--concurrency 64] [--questions 10]
 *
 * Bounded and self-stopping: each member submits once, and the run stops at 60 s whatever
 * is left. Uses BENCH_DATABASE_URL (default: the machine's PostgreSQL) to create
 * wg_bench_rush, seeds members with the real CLI, starts the real server, and drops the
 * database at the end.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import pg from "pg";
import { createSession } from "../server/src/platform/auth/sessions.ts";
import { createPool } from "../server/src/platform/db/pool.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MEMBERS = arg("members", 2000);
const CONCURRENCY = arg("concurrency", 64);
const QUESTIONS = arg("questions", 10);
const WINDOW_MS = 60_000;
const admin = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const NAME = "wg_bench_rush";
const cli = path.resolve(import.meta.dirname, "../server/bin/wanggui.js");

const dbUrl = (name: string) => Object.assign(new URL(admin), { pathname: `/${name}` }).toString();
const env = (port: number) => ({
  ...process.env,
  DATABASE_URL: dbUrl(NAME),
  PORT: String(port),
  WANGGUI_FIELD_KEY: Buffer.alloc(32, 3).toString("base64"),
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
  });
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Runs `jobs` with at most CONCURRENCY in flight, stopping at the window's end. */
async function rush<T>(jobs: T[], run: (job: T) => Promise<boolean>) {
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let next = 0;
  const started = performance.now();
  const until = started + WINDOW_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < jobs.length && performance.now() < until) {
        const job = jobs[next++] as T;
        const t = performance.now();
        if (await run(job)) ok++;
        else failed++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { ok, failed, seconds, perSecond: ok / seconds, latencies };
}

const line = (label: string, r: Awaited<ReturnType<typeof rush>>) =>
  `| ${label} | ${r.ok} | ${r.failed} | ${r.seconds.toFixed(2)} s | ${Math.round(r.perSecond)} | ${pct(r.latencies, 50).toFixed(1)} ms | ${pct(r.latencies, 95).toFixed(1)} ms | ${pct(r.latencies, 99).toFixed(1)} ms |`;

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
      [MEMBERS],
    )
  ).rows;
  const cookies: string[] = [];
  for (const m of members) {
    const user = await db.query<{ id: number }>(
      `INSERT INTO users (username, display_name, member_id, password_hash, must_change_password, pi_consent_at, pi_consent_version)
       VALUES ($1, $1, $2, 'x', false, now(), 'bench') RETURNING id`,
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
    [cli, "seed", "synthetic", "--members", String(MEMBERS), "--orgs", "40"],
    { env: env(port), encoding: "utf8" },
  );
  if (seed.status !== 0) throw new Error(seed.stderr);

  let server: ChildProcess | undefined;
  const db = createPool(dbUrl(NAME), 10);
  try {
    server = spawn(process.execPath, [cli, "start"], {
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
    );
    if (papers.size !== sessions.length)
      throw new Error(`only ${papers.size} of ${sessions.length} papers opened`);

    const baselinePool = createPool(dbUrl(NAME), 10);
    const baseline = await rush(
      sessions.map((_, i) => i),
      async (i) => {
        await baselinePool.query(
          "INSERT INTO bench_baseline (member_id, payload) VALUES ($1, $2)",
          [i, JSON.stringify(papers.get(i)?.answers)],
        );
        return true;
      },
    );
    await baselinePool.end();

    // The floor under any signed-in request: session check and actor load, nothing else.
    const signedIn = await rush(sessions, async (s) => {
      const res = await fetch(`${base}/api/auth/session`, { headers: headers(s) });
      await res.arrayBuffer();
      return res.ok;
    });

    const acknowledged = new Map<number, number>();
    const submit = await rush(
      sessions.map((s, i) => ({ s, i })),
      async ({ s, i }) => {
        const paper = papers.get(i);
        if (!paper) return false;
        const res = await fetch(`${base}/api/study/attempts/${paper.attemptId}/submit`, {
          method: "POST",
          headers: headers(s),
          body: JSON.stringify({ answers: paper.answers }),
        });
        if (!res.ok) return false;
        acknowledged.set(paper.attemptId, ((await res.json()) as { score: number }).score);
        return true;
      },
    );

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
      `\n## Exam deadline rush: ${sessions.length} members, ${QUESTIONS} questions each, ${CONCURRENCY} concurrent clients on loopback, window ${WINDOW_MS / 1000} s\n`,
    );
    console.log(
      "| path | acknowledged | failed | elapsed | per second | p50 | p95 | p99 |\n|---|---|---|---|---|---|---|---|",
    );
    console.log(line("baseline: single-row INSERT (pg pool of 10)", baseline));
    console.log(line("floor: GET /api/auth/session (signed in, no work)", signedIn));
    console.log(line("POST /api/study/attempts/:id/submit", submit));
    console.log(
      `\nSubmit throughput is ${((100 * submit.perSecond) / baseline.perSecond).toFixed(1)}% of the baseline's.`,
    );
    console.log(
      `Acknowledged ${acknowledged.size}; in the database with the acknowledged score: ${stored.rowCount}; missing or different: ${missing.length}; submit audit rows: ${audited.rows[0]?.n}.`,
    );
    if (missing.length > 0) process.exitCode = 1;
  } finally {
    server?.kill("SIGINT");
    await new Promise((r) => setTimeout(r, 2000));
    await db.end();
    await rootDb.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
    await rootDb.end();
  }
}

await main();
