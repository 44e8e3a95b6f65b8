/**
 * Issue 17's soak: members and secretaries use the real server on loopback for a fixed number
 * of minutes; every interval prints requests, errors, p50/p95 and the server's RSS, so a leak
 * or a slow drift shows as a rising column. Members read their workbench, tasks, notices,
 * today's practice and their own record; secretaries page the roster, open a member's record
 * (audited) and now and then reveal a phone (audited). The in-run baseline is a bare Fastify
 * GET /hello (bench/bare-server.ts) at the same concurrency.
 *
 *   npx tsx bench/soak.ts [--minutes 5] [--members 300] [--secretaries 6] [--concurrency 16] [--interval 30]
 *
 * Bounded: it stops at --minutes whatever happens. Uses BENCH_DATABASE_URL (default: the
 * machine's PostgreSQL) to create wg_bench_soak, seeds it with the real CLI, starts
 * `wanggui start`, and drops the database at the end.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { createSession } from "../server/src/platform/auth/sessions.ts";
import { createPool } from "../server/src/platform/db/pool.ts";
import { numberArg } from "./support/args.ts";
import { freePort } from "./support/http-load.ts";
import { percentile } from "./support/steps.ts";

const MINUTES = numberArg("minutes", 5);
const MEMBERS = numberArg("members", 300);
const SECRETARIES = numberArg("secretaries", 6);
const CONCURRENCY = numberArg("concurrency", 16);
const INTERVAL_S = numberArg("interval", 30);
const admin = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const NAME = "wg_bench_soak";
const cli = path.resolve(import.meta.dirname, "../server/bin/wanggui.js");
const dbUrl = (name: string) => Object.assign(new URL(admin), { pathname: `/${name}` }).toString();
const env = (port: number) => ({
  ...process.env,
  DATABASE_URL: dbUrl(NAME),
  PORT: String(port),
  WANGGUI_FIELD_KEY: Buffer.alloc(32, 4).toString("base64"),
  WANGGUI_LOG_LEVEL: "warn",
});

const rssMiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

interface Caller {
  kind: "member" | "secretary";
  headers: Record<string, string>;
}

async function callers(db: pg.Pool): Promise<{ callers: Caller[]; memberIds: number[] }> {
  const root = (
    await db.query<{ id: number }>(
      "SELECT id FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1",
    )
  ).rows[0];
  const members = (
    await db.query<{ id: number; org_id: number }>(
      "SELECT id, org_id FROM members WHERE archived_at IS NULL ORDER BY id LIMIT $1",
      [MEMBERS],
    )
  ).rows;
  const out: Caller[] = [];
  const add = async (kind: Caller["kind"], memberId: number | null, orgId: number) => {
    const user = await db.query<{ id: number }>(
      `INSERT INTO users (username, display_name, member_id, password_hash, must_change_password, pi_consent_at, pi_consent_version)
       VALUES ($1, $1, $2, 'x', false, now(), '2024-01') RETURNING id`,
      [`soak.${kind}.${out.length}`, memberId],
    );
    const userId = user.rows[0]?.id ?? 0;
    await db.query("INSERT INTO role_grants (user_id, role, org_id) VALUES ($1, $2, $3)", [
      userId,
      kind,
      orgId,
    ]);
    const { token, csrfToken } = await createSession(db, userId, "active");
    out.push({
      kind,
      headers: {
        cookie: `wg_session=${token}`,
        "x-csrf-token": csrfToken,
        "content-type": "application/json",
      },
    });
  };
  for (const m of members) await add("member", m.id, m.org_id);
  for (let i = 0; i < SECRETARIES; i++) await add("secretary", null, root?.id ?? 0);
  return { callers: out, memberIds: members.map((m) => m.id) };
}

async function main() {
  const rootDb = new pg.Client({ connectionString: admin });
  await rootDb.connect();
  await rootDb.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await rootDb.query(`CREATE DATABASE ${NAME}`);
  const port = await freePort();
  const seed = spawnSync(
    process.execPath,
    [cli, "seed", "synthetic", "--members", String(MEMBERS * 4), "--orgs", "60"],
    { env: env(port), encoding: "utf8" },
  );
  if (seed.status !== 0) throw new Error(seed.stderr);
  const db = createPool(dbUrl(NAME), 4);
  let server: ChildProcess | undefined;
  let bare: ChildProcess | undefined;
  try {
    const { callers: all, memberIds } = await callers(db);
    server = spawn(process.execPath, [cli, "start"], {
      env: env(port),
      stdio: ["ignore", "ignore", "inherit"],
    });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 120; i++) {
      const ok = await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const pid = server.pid ?? 0;

    bare = spawn(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "bare-server.ts")],
      {
        env: env(port),
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const bareBase = await new Promise<string>((resolve) =>
      bare?.stdout?.once("data", (chunk) => resolve(String(chunk).trim())),
    );
    const baseline: number[] = [];
    const baselineUntil = performance.now() + 20_000;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < baselineUntil) {
          const t = performance.now();
          const res = await fetch(`${bareBase}/hello`);
          await res.arrayBuffer();
          baseline.push(performance.now() - t);
        }
      }),
    );
    bare.kill("SIGINT");
    baseline.sort((a, b) => a - b);

    const secretaries = all.filter((c) => c.kind === "secretary");
    const members = all.filter((c) => c.kind === "member");
    let turn = 0;
    const memberPaths = [
      "/api/workbench",
      "/api/study/tasks",
      "/api/notifications/unread-count",
      "/api/study/practice/today",
      "/api/members/me",
    ];
    /** One request of a mixed day: three member requests for every secretary request. */
    const one = async (): Promise<boolean> => {
      const n = turn++;
      if (n % 4 === 3) {
        const s = secretaries[n % secretaries.length] as Caller;
        const id = memberIds[(n * 7919) % memberIds.length];
        const step = Math.floor(n / 4) % 10;
        const res =
          step === 9
            ? await fetch(`${base}/api/members/${id}/reveal`, {
                method: "POST",
                headers: s.headers,
                body: JSON.stringify({ field: "phone", reason: "通知参加支部主题党日" }),
              })
            : step % 2 === 0
              ? await fetch(`${base}/api/members?page=${1 + (step % 5)}&pageSize=20`, {
                  headers: s.headers,
                })
              : await fetch(`${base}/api/members/${id}`, { headers: s.headers });
        await res.arrayBuffer();
        return res.ok;
      }
      const m = members[n % members.length] as Caller;
      const res = await fetch(`${base}${memberPaths[n % memberPaths.length]}`, {
        headers: m.headers,
      });
      await res.arrayBuffer();
      return res.ok;
    };

    console.log(
      `soak: ${MINUTES} min, ${members.length} members and ${secretaries.length} secretaries, ${CONCURRENCY} in flight; baseline bare GET /hello p95 ${percentile(baseline, 95).toFixed(1)} ms`,
    );
    console.log("| minute | requests | errors | req/s | p50 | p95 | p99 | server RSS |");
    console.log("|---|---|---|---|---|---|---|---|");
    const started = performance.now();
    const end = started + MINUTES * 60_000;
    let window: number[] = [];
    let errors = 0;
    const all95: number[] = [];
    const report = () => {
      window.sort((a, b) => a - b);
      const minute = ((performance.now() - started) / 60_000).toFixed(1);
      all95.push(percentile(window, 95));
      console.log(
        `| ${minute} | ${window.length} | ${errors} | ${Math.round(window.length / INTERVAL_S)} | ${percentile(window, 50).toFixed(1)} ms | ${percentile(window, 95).toFixed(1)} ms | ${percentile(window, 99).toFixed(1)} ms | ${rssMiB(pid).toFixed(0)} MiB |`,
      );
      window = [];
      errors = 0;
    };
    const ticker = setInterval(report, INTERVAL_S * 1000);
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < end) {
          const t = performance.now();
          const ok = await one().catch(() => false);
          window.push(performance.now() - t);
          if (!ok) errors++;
        }
      }),
    );
    clearInterval(ticker);
    if (window.length > INTERVAL_S * 5) report();
    const first = all95[0] ?? 0;
    const last = all95.at(-1) ?? 0;
    console.log(
      `p95 first interval ${first.toFixed(1)} ms, last ${last.toFixed(1)} ms (×${(last / first).toFixed(2)}); ` +
        `last p95 / bare baseline p95 = ×${(last / percentile(baseline, 95)).toFixed(1)}`,
    );
  } finally {
    server?.kill("SIGINT");
    bare?.kill("SIGINT");
    await new Promise((r) => setTimeout(r, 3000));
    await db.end();
    await rootDb.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
    await rootDb.end();
  }
}

await main();
