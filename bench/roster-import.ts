/**
 * Issue 10's import budget: a 100,000-row roster previews and imports through the real server
 * while GET /api/health keeps its p99 under 50 ms and the server process stays under 300 MB
 * RSS. GET /api/health with no import running is the baseline in the same run.
 *
 *   npx tsx bench/roster-import.ts [--rows 100000] [--seconds 10] [--broken]
 *
 * With --broken every row has three mistakes (性别, 出生日期, an unknown 所在党组织): the preview's
 * worst case, 300,000 issues to hold, sort and answer; the import is refused.
 *
 * Uses BENCH_DATABASE_URL (default: the machine's PostgreSQL) to create wg_bench_roster, seeds a
 * small synthetic tree with the real CLI, writes the workbook with ExcelJS's streaming writer,
 * starts `wanggui start` (once to let it seed the regulation, then again to be measured), and
 * drops the database at the end. Every loop is bounded in time.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import pg from "pg";
import { COLUMNS } from "../server/src/modules/roster/roster-columns.ts";
import { createSession } from "../server/src/platform/auth/sessions.ts";
import { createPool } from "../server/src/platform/db/pool.ts";
import { createRandom, identityFor, personName } from "../server/src/seed/names.ts";
import { numberArg } from "./support/args.ts";
import { freePort } from "./support/http-load.ts";
import { percentile } from "./support/steps.ts";

const ROWS = numberArg("rows", 100_000);
const SECONDS = numberArg("seconds", 10);
const BROKEN = process.argv.includes("--broken");
const admin = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const NAME = "wg_bench_roster";
const cli = path.resolve(import.meta.dirname, "../server/bin/wanggui.js");
const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function dbUrl(name: string) {
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
}

const env = (port: number) => ({
  ...process.env,
  DATABASE_URL: dbUrl(NAME),
  PORT: String(port),
  WANGGUI_FIELD_KEY: Buffer.alloc(32, 5).toString("base64"),
});

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** A roster of `rows` valid members spread over `orgCodes`, written as a streamed workbook. */
async function writeRoster(file: string, orgCodes: string[]) {
  const random = createRandom(11);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = wb.addWorksheet("党员名册");
  sheet.addRow(COLUMNS.map((c) => c.header)).commit();
  for (let i = 0; i < ROWS; i++) {
    const gender = random.next() < 0.7 ? "male" : "female";
    const { birthDate, idNumber } = identityFor(40_000_000 + i, gender);
    const joinYear = Math.min(Number(birthDate.slice(0, 4)) + 25, 2020);
    sheet
      .addRow([
        personName(random, gender),
        BROKEN ? "未知" : gender === "male" ? "男" : "女",
        "汉族",
        BROKEN ? `${birthDate.slice(0, 4)}-02-30` : birthDate,
        idNumber,
        `139${String(10_000_000 + i).slice(-8)}`,
        BROKEN ? `不存在的党支部${i % 50}` : orgCodes[i % orgCodes.length],
        "正式党员",
        `${joinYear}-07-01`,
        `${joinYear + 1}-07-01`,
        "否",
        "",
      ])
      .commit();
  }
  sheet.commit();
  await wb.commit();
}

/** Health requests, two at a time, until `done()` says stop or the time bound passes. */
async function healthWhile(base: string, done: () => boolean, maxMs: number) {
  const times: number[] = [];
  const until = performance.now() + maxMs;
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      while (!done() && performance.now() < until) {
        const t = performance.now();
        const res = await fetch(`${base}/api/health`);
        await res.arrayBuffer();
        times.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 20));
      }
    }),
  );
  return times.sort((a, b) => a - b);
}

async function main() {
  const root = new pg.Client({ connectionString: admin });
  await root.connect();
  await root.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await root.query(`CREATE DATABASE ${NAME}`);
  const port = await freePort();
  const seed = spawnSync(
    process.execPath,
    [cli, "seed", "synthetic", "--members", "500", "--orgs", "400"],
    {
      env: env(port),
      encoding: "utf8",
    },
  );
  if (seed.status !== 0) {
    await root.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
    await root.end();
    throw new Error(seed.stderr);
  }

  let server: ChildProcess | undefined;
  const db = createPool(dbUrl(NAME), 2);
  try {
    const rootOrg = (
      await db.query<{ id: number }>(
        "SELECT id FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1",
      )
    ).rows[0];
    const homes = await db.query<{ code: string }>(
      `SELECT code FROM orgs o WHERE kind IN ('branch', 'group')
          AND NOT EXISTS (SELECT 1 FROM orgs c WHERE c.parent_id = o.id) ORDER BY id LIMIT 300`,
    );
    const user = await db.query<{ id: number }>(
      `INSERT INTO users (username, display_name, password_hash, must_change_password, pi_consent_at, pi_consent_version)
       VALUES ('bench.secretary', '基准测试书记', 'x', false, now(), '2024-01') RETURNING id`,
    );
    await db.query("INSERT INTO role_grants (user_id, role, org_id) VALUES ($1, 'secretary', $2)", [
      user.rows[0]?.id,
      rootOrg?.id,
    ]);
    const { token, csrfToken } = await createSession(db, user.rows[0]?.id ?? 0, "active");
    const dir = await mkdtemp(path.join(tmpdir(), "wg-roster-"));
    const file = path.join(dir, "roster.xlsx");
    const w0 = performance.now();
    await writeRoster(
      file,
      homes.rows.map((r) => r.code),
    );
    const bytes = statSync(file).size;
    console.error(
      `wrote ${ROWS} rows, ${(bytes / 1048576).toFixed(1)} MB in ${((performance.now() - w0) / 1000).toFixed(1)} s`,
    );

    const base = `http://127.0.0.1:${port}`;
    // A server that dies while starting (a migration or the regulation seed failing) ends the
    // bench with its exit code, instead of the bench waiting for an exit that already happened.
    const start = async () => {
      const child = spawn(process.execPath, [cli, "start"], {
        env: env(port),
        stdio: ["ignore", "ignore", "inherit"],
      });
      const exited = new Promise<number | null>((r) => child.once("exit", r));
      let gone: number | null | undefined;
      void exited.then((code) => {
        gone = code;
      });
      for (let i = 0; i < 120; i++) {
        if (gone !== undefined) throw new Error(`wanggui start exited with code ${gone}`);
        if (
          await fetch(`${base}/api/health`).then(
            (r) => r.ok,
            () => false,
          )
        )
          return { child, exited };
        await new Promise((r) => setTimeout(r, 1000));
      }
      child.kill("SIGKILL");
      throw new Error("wanggui start did not answer /api/health within 120 s");
    };
    // The first start seeds the regulation (which loads the word segmenter); the server is
    // measured as it runs after a restart, as it does every day after its first.
    const first = await start();
    first.child.kill("SIGINT");
    await first.exited;
    server = (await start()).child;
    const pid = server.pid ?? 0;
    const headers = {
      cookie: `wg_session=${token}`,
      "content-type": XLSX_MIME,
      "x-csrf-token": csrfToken,
    };
    const body = readFileSync(file);

    const idleRss = rssMiB(pid);
    const baseline = await healthWhile(base, () => false, SECONDS * 1000);
    const results: string[] = [];
    const row = (label: string, times: number[], seconds: number, peak: number, note: string) =>
      `| ${label} | ${seconds.toFixed(1)} s | ${times.length} | ${percentile(times, 50).toFixed(1)} ms | ${percentile(times, 99).toFixed(1)} ms | ${(times.at(-1) ?? 0).toFixed(1)} ms | ${peak.toFixed(0)} MiB | ${note} |`;
    results.push(row("baseline: GET /api/health, no import", baseline, SECONDS, rssMiB(pid), "–"));

    for (const kind of ["preview", "import"] as const) {
      let done = false;
      let peak = rssMiB(pid);
      const sampler = setInterval(() => {
        peak = Math.max(peak, rssMiB(pid));
      }, 100);
      const t0 = performance.now();
      const job = (async () => {
        const res = await fetch(`${base}/api/roster/${kind}-jobs`, {
          method: "POST",
          headers,
          body,
        });
        if (res.status !== 202) throw new Error(`${kind}: ${res.status} ${await res.text()}`);
        const { jobId } = (await res.json()) as { jobId: string };
        for (let i = 0; i < 6000; i++) {
          const poll = await fetch(`${base}/api/roster/jobs/${jobId}`, { headers });
          const state = (await poll.json()) as { state: string; result: unknown; error: unknown };
          if (state.state !== "running") return state;
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error(`${kind} did not finish in 10 minutes`);
      })().finally(() => {
        done = true;
      });
      const times = await healthWhile(base, () => done, 600_000);
      const outcome = await job;
      clearInterval(sampler);
      const seconds = (performance.now() - t0) / 1000;
      const note =
        kind === "preview"
          ? JSON.stringify({
              rows: (outcome.result as { rows: number }).rows,
              issues: (outcome.result as { issueCount: number }).issueCount,
              listed: (outcome.result as { issues: unknown[] }).issues.length,
            })
          : JSON.stringify(outcome.result ?? outcome.error);
      results.push(
        row(`${kind} ${ROWS.toLocaleString()} rows, health alongside`, times, seconds, peak, note),
      );
    }
    const stored = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM members");
    console.log(
      `\n## Roster import${BROKEN ? " (every row with three mistakes)" : ""}: ${ROWS.toLocaleString()} rows (${(bytes / 1048576).toFixed(1)} MB .xlsx), server idle RSS ${idleRss.toFixed(0)} MiB\n`,
    );
    console.log(
      "| phase | elapsed | health requests | health p50 | health p99 | health max | server peak RSS | result |\n|---|---|---|---|---|---|---|---|",
    );
    for (const r of results) console.log(r);
    console.log(
      `\nmembers in the database afterwards: ${stored.rows[0]?.n} (500 seeded + the import)`,
    );
  } finally {
    server?.kill("SIGINT");
    await new Promise((r) => setTimeout(r, 2000));
    await db.end();
    await root.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
    await root.end();
  }
}

await main();
