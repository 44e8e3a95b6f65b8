/**
 * Measures the org tree and member list routes on a province-sized synthetic database
 * (default 50,000 orgs, 1,000,000 members), through the real app with a signed-in secretary
 * of the whole tree. Server time per request, p50/p95 over repeated runs.
 *
 *   npx tsx server/src/modules/orgs/scale.measure.ts [--members 1000000] [--orgs 50000] [--fresh]
 *
 * Uses MEASURE_DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres) and
 * keeps the database wg_measure_orgs between runs unless --fresh.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { buildApp } from "../../app.ts";
import { createSession, SESSION_COOKIE } from "../../platform/auth/sessions.ts";
import { loadConfig } from "../../platform/config.ts";
import { FieldCipher } from "../../platform/crypto.ts";
import { migrate } from "../../platform/db/migrate.ts";
import { createPool } from "../../platform/db/pool.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MEMBERS = arg("members", 1_000_000);
const ORGS = arg("orgs", 50_000);
const RUNS = arg("runs", 40);
const NAME = "wg_measure_orgs";
const admin = process.env.MEASURE_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const key = Buffer.alloc(32, 9);

function dbUrl(name: string) {
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
}

async function prepare() {
  const root = new pg.Client({ connectionString: admin });
  await root.connect();
  const exists = await root.query("SELECT 1 FROM pg_database WHERE datname = $1", [NAME]);
  const fresh = process.argv.includes("--fresh") || exists.rowCount === 0;
  if (fresh) {
    await root.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
    await root.query(`CREATE DATABASE ${NAME}`);
  }
  await root.end();
  const db = createPool(dbUrl(NAME), 8);
  await migrate(db);
  if (fresh) {
    const t0 = performance.now();
    const cli = path.resolve(import.meta.dirname, "../../../bin/wanggui.js");
    const run = spawnSync(
      process.execPath,
      [cli, "seed", "synthetic", "--members", String(MEMBERS), "--orgs", String(ORGS)],
      {
        env: {
          ...process.env,
          DATABASE_URL: dbUrl(NAME),
          WANGGUI_FIELD_KEY: key.toString("base64"),
        },
        encoding: "utf8",
      },
    );
    if (run.status !== 0) throw new Error(`seed synthetic failed: ${run.stderr}`);
    console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await db.query("ANALYZE");
  }
  return db;
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

async function main() {
  const db = await prepare();
  const top = await db.query<{ id: number; path: string }>(
    "SELECT id, path::text AS path FROM orgs WHERE parent_id IS NULL ORDER BY (SELECT count(*) FROM orgs c WHERE c.parent_id = orgs.id) DESC LIMIT 1",
  );
  const root = top.rows[0];
  if (!root) throw new Error("no root");
  const user = await db.query<{ id: number }>(
    `INSERT INTO users (username, display_name, password_hash, must_change_password, pi_consent_at, pi_consent_version)
     VALUES ('measure_' || floor(random() * 1e9)::text, '测量用户', 'x', false, now(), '2024-01') RETURNING id`,
  );
  const userId = user.rows[0]?.id;
  await db.query("INSERT INTO role_grants (user_id, role, org_id) VALUES ($1, 'secretary', $2)", [
    userId,
    root.id,
  ]);
  const session = await createSession(db, userId ?? 0, "active");
  const headers = { cookie: `${SESSION_COOKIE}=${session.token}` };
  const app = await buildApp({
    db,
    cipher: new FieldCipher(key),
    config: { ...loadConfig({}), databaseUrl: dbUrl(NAME) },
  });
  await app.ready();

  const mid = await db.query<{ id: number; code: string; name: string }>(
    `SELECT o.id, o.code, o.name FROM orgs o WHERE nlevel(o.path) = 3 AND o.path <@ $1::ltree
      ORDER BY (SELECT count(*) FROM orgs s WHERE s.path <@ o.path) DESC, o.id LIMIT 1`,
    [root.path],
  );
  const county = mid.rows[0];
  const aName = await db.query<{ name: string }>("SELECT name FROM members LIMIT 1 OFFSET 5000");
  const surname = aName.rows[0]?.name.slice(0, 1) ?? "王";
  const given = aName.rows[0]?.name.slice(1, 2) ?? "建";
  const counts = await db.query<{ orgs: number; members: number }>(
    "SELECT (SELECT count(*)::int FROM orgs) AS orgs, (SELECT count(*)::int FROM members) AS members",
  );
  console.log(
    `\n## Org tree and member list at ${counts.rows[0]?.orgs.toLocaleString()} orgs / ${counts.rows[0]?.members.toLocaleString()} members (${RUNS} runs each, server time via inject)\n`,
  );
  const cases: [string, string][] = [
    ["GET /orgs/roots", "/api/orgs/roots"],
    ["GET /orgs/:root (detail + counts)", `/api/orgs/${root.id}`],
    ["GET /orgs/:root/children?pageSize=50", `/api/orgs/${root.id}/children?pageSize=50`],
    ["GET /orgs/:county/children?pageSize=50", `/api/orgs/${county?.id}/children?pageSize=50`],
    ["GET /orgs/search?q=凤凰 (name part)", `/api/orgs/search?q=${encodeURIComponent("凤凰")}`],
    [
      "GET /orgs/search?q=第4795 (rare name part)",
      `/api/orgs/search?q=${encodeURIComponent("第4795")}`,
    ],
    ["GET /orgs/search?q=<code prefix>", `/api/orgs/search?q=${county?.code}`],
    ["GET /members (first page, whole tree)", "/api/members"],
    ["GET /members?page=50", "/api/members?page=50"],
    ["GET /members?sort=joinedOn&order=desc", "/api/members?sort=joinedOn&order=desc"],
    [
      "GET /members?status=probationary&isCadre=false",
      "/api/members?status=probationary&isCadre=false",
    ],
    ["GET /members?isCadre=true", "/api/members?isCadre=true"],
    ["GET /members?orgId=<county>", `/api/members?orgId=${county?.id}`],
    [
      "GET /members?orgId=<county>&status=full&sort=birthDate",
      `/api/members?orgId=${county?.id}&status=full&sort=birthDate`,
    ],
    [
      "GET /members?name=<surname>&nameMatch=prefix",
      `/api/members?name=${encodeURIComponent(surname)}&nameMatch=prefix`,
    ],
    ["GET /members?name=<one char> (contains)", `/api/members?name=${encodeURIComponent(given)}`],
  ];
  console.log("| request | p50 ms | p95 ms | total |\n|---|---|---|---|");
  for (const [label, url] of cases) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < RUNS + 3; i++) {
      const t0 = performance.now();
      const res = await app.inject({ method: "GET", url, headers });
      const ms = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      total = res.json().total ?? res.json().items?.length ?? 0;
      if (i >= 3) times.push(ms);
    }
    times.sort((a, b) => a - b);
    console.log(
      `| ${label} | ${percentile(times, 0.5).toFixed(1)} | ${percentile(times, 0.95).toFixed(1)} | ${total.toLocaleString()} |`,
    );
  }

  // A move of a whole county (its orgs and members rewritten) inside one transaction, rolled back.
  const other = await db.query<{ id: number }>(
    "SELECT id FROM orgs WHERE nlevel(path) = 2 AND kind = 'committee' AND path <@ $1::ltree AND id <> (SELECT parent_id FROM orgs WHERE id = $2) LIMIT 1",
    [root.path, county?.id],
  );
  const t0 = performance.now();
  const res = await app.inject({
    method: "POST",
    url: `/api/orgs/${county?.id}/move`,
    headers: { ...headers, "x-csrf-token": session.csrfToken },
    payload: { newParentId: other.rows[0]?.id },
  });
  const moveMs = performance.now() - t0;
  console.log(
    `\nMove of a county (${res.json().movedOrgs} orgs, ${res.json().movedMembers} members): ${moveMs.toFixed(0)} ms, status ${res.statusCode}`,
  );
  await app.close();
  await db.end();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
