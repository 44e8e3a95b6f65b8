/**
 * Issue 5's budget: the member list of a 1,000,000-member synthetic database answers its
 * first page and a filtered page in under 100 ms of server time. A real server on loopback,
 * a fixed-length load run per scenario, and GET /api/health in the same run as the baseline.
 *
 *   npx tsx bench/member-list-load.ts [--members 1000000] [--orgs 50000] [--seconds 15] [--concurrency 4]
 *
 * Uses BENCH_DATABASE_URL (default: the machine's PostgreSQL) to create wg_bench_list, seeds it
 * with the real CLI, and drops it at the end. The server's own time is read from the
 * Server-Timing header each response carries.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { createSession } from "../server/src/platform/auth/sessions.ts";
import { createPool } from "../server/src/platform/db/pool.ts";
import { numberArg } from "./support/args.ts";
import { freePort } from "./support/http-load.ts";
import { percentile } from "./support/steps.ts";

const MEMBERS = numberArg("members", 1_000_000);
const ORGS = numberArg("orgs", 50_000);
const SECONDS = numberArg("seconds", 15);
const CONCURRENCY = numberArg("concurrency", 4);
const admin = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const NAME = "wg_bench_list";
const cli = path.resolve(import.meta.dirname, "../server/bin/wanggui.js");

function dbUrl(name: string) {
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
}

const env = (port: number) => ({
  ...process.env,
  DATABASE_URL: dbUrl(NAME),
  PORT: String(port),
  WANGGUI_FIELD_KEY: Buffer.alloc(32, 3).toString("base64"),
});

async function load(url: string, cookie: string) {
  const server: number[] = [];
  const client: number[] = [];
  let errors = 0;
  const until = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        const res = await fetch(url, { headers: { cookie } });
        await res.arrayBuffer();
        client.push(performance.now() - t);
        if (!res.ok) errors++;
        const dur = /dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "")?.[1];
        if (dur) server.push(Number(dur));
      }
    }),
  );
  server.sort((a, b) => a - b);
  client.sort((a, b) => a - b);
  return { n: client.length, errors, server, client };
}

async function main() {
  const root = new pg.Client({ connectionString: admin });
  await root.connect();
  await root.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await root.query(`CREATE DATABASE ${NAME}`);
  const port = await freePort();
  const seed = spawnSync(
    process.execPath,
    [cli, "seed", "synthetic", "--members", String(MEMBERS), "--orgs", String(ORGS)],
    { env: env(port), encoding: "utf8" },
  );
  if (seed.status !== 0) throw new Error(seed.stderr);
  console.error(seed.stdout.trim());

  let server: ChildProcess | undefined;
  const db = createPool(dbUrl(NAME), 2);
  try {
    const rootOrg = (
      await db.query<{ id: number; path: string }>(
        "SELECT id, path::text AS path FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1",
      )
    ).rows[0];
    const county = (
      await db.query<{ id: number }>(
        "SELECT id FROM orgs WHERE nlevel(path) = 3 ORDER BY id LIMIT 1",
      )
    ).rows[0];
    const user = await db.query<{ id: number }>(
      `INSERT INTO users (username, display_name, password_hash, must_change_password, pi_consent_at, pi_consent_version)
       VALUES ('bench.secretary', '基准测试书记', 'x', false, now(), '2024-01') RETURNING id`,
    );
    await db.query("INSERT INTO role_grants (user_id, role, org_id) VALUES ($1, 'secretary', $2)", [
      user.rows[0]?.id,
      rootOrg?.id,
    ]);
    const { token } = await createSession(db, user.rows[0]?.id ?? 0, "active");
    const cookie = `wg_session=${token}`;
    await db.query("ANALYZE");

    server = spawn(process.execPath, [cli, "start"], {
      env: env(port),
      stdio: ["ignore", "pipe", "inherit"],
    });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 120; i++) {
      const ok = await fetch(`${base}/api/health`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const scenarios = [
      ["baseline: GET /api/health", "/api/health"],
      ["first page, whole province", "/api/members?page=1&pageSize=20"],
      [
        "filtered: probationary cadres",
        "/api/members?page=1&pageSize=20&status=probationary&isCadre=true",
      ],
      ["filtered: one county's subtree", `/api/members?page=1&pageSize=20&orgId=${county?.id}`],
      [
        "filtered: name starts with 王",
        `/api/members?page=1&pageSize=20&name=${encodeURIComponent("王")}&nameMatch=prefix`,
      ],
      [
        "page 500, sorted by join date",
        "/api/members?page=500&pageSize=20&sort=joinedOn&order=desc",
      ],
    ] as const;
    console.log(
      `\n## Member list on ${MEMBERS.toLocaleString()} members / ${ORGS.toLocaleString()} orgs: ${SECONDS} s per scenario, ${CONCURRENCY} concurrent clients on loopback\n`,
    );
    console.log(
      "| scenario | requests | errors | server p50 | server p95 | client p50 | client p95 |\n|---|---|---|---|---|---|---|",
    );
    for (const [label, url] of scenarios) {
      await load(`${base}${url}`, cookie).then(() => undefined);
      const r = await load(`${base}${url}`, cookie);
      console.log(
        `| ${label} | ${r.n} | ${r.errors} | ${percentile(r.server, 50).toFixed(1)} ms | ${percentile(r.server, 95).toFixed(1)} ms | ${percentile(r.client, 50).toFixed(1)} ms | ${percentile(r.client, 95).toFixed(1)} ms |`,
      );
    }
  } finally {
    server?.kill("SIGINT");
    await new Promise((r) => setTimeout(r, 2000));
    await db.end();
    await root.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
    await root.end();
  }
}

await main();
