import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "./support/server";

const repo = path.resolve(import.meta.dirname, "..");
const work = mkdtempSync(path.join(tmpdir(), "wanggui-fresh-"));
// mkdtemp makes the folder 0700; the embedded PostgreSQL runs as the postgres user under root.
chmodSync(work, 0o755);
const clone = path.join(work, "wanggui");
let server: ChildProcess | undefined;

afterAll(() => {
  // Only when the test failed half-way; a stopped group is already gone.
  if (server?.pid && server.exitCode === null && server.signalCode === null) {
    try {
      process.kill(-server.pid, "SIGKILL");
    } catch {}
  }
  rmSync(work, { recursive: true, force: true });
});

/** Runs an npm command in the clone; returns everything it printed, failing on a non-zero exit. */
function npm(args: string[], env: NodeJS.ProcessEnv = cleanEnv()): string {
  const run = spawnSync("npm", args, { cwd: clone, env, encoding: "utf8" });
  const output = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) throw new Error(`npm ${args.join(" ")} exited ${run.status}:\n${output}`);
  return output;
}

/** The environment a newcomer has: no DATABASE_URL, no test runner's variables. */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.DATABASE_URL;
  delete env.WANGGUI_DATA_DIR;
  for (const key of Object.keys(env)) if (key.startsWith("VITEST")) delete env[key];
  delete env.NODE_ENV;
  delete env.FORCE_COLOR;
  env.NO_COLOR = "1";
  return env;
}

async function startAndStop(env: NodeJS.ProcessEnv, port: number) {
  let output = "";
  server = spawn("npm", ["start"], { cwd: clone, env, detached: true });
  server.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  server.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  let health: { status?: string; database?: { migrations?: number } } = {};
  for (let i = 0; i < 240 && health.status !== "ok"; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    health = await fetch(`http://127.0.0.1:${port}/api/health`)
      .then((r) => r.json() as Promise<typeof health>)
      .catch(() => ({}));
  }
  expect(health.status, output).toBe("ok");
  expect(health.database?.migrations).toBeGreaterThanOrEqual(4);
  const page = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());
  expect(page).toContain("网规");

  // "close", not "exit": npm may exit before the server it ran has written its last lines.
  const exited = new Promise<number | null>((resolve) => server?.on("close", resolve));
  process.kill(-(server.pid as number), "SIGINT");
  await exited;
  return output;
}

/**
 * The README's promise, checked literally in a folder with nothing beside the clone (no
 * ../shared, the data folder inside the clone as by default): the production install
 * (`npm ci --omit=dev`) starts on embedded PostgreSQL and stops on Ctrl-C; then
 * `npm install` and `npm test` pass on the files that read test data.
 */
describe("README: a fresh clone", () => {
  it("installs without engine warnings, starts without dev dependencies, and its tests read only the clone", async () => {
    execFileSync("git", ["clone", "--quiet", "--depth", "1", `file://${repo}`, clone]);
    expect(readdirSync(work)).toEqual(["wanggui"]);

    const production = npm(["ci", "--omit=dev", "--no-audit", "--no-fund"]);
    expect(production).not.toContain("EBADENGINE");
    expect(existsSync(path.join(clone, "node_modules", "vitest"))).toBe(false);

    const port = await freePort();
    const output = await startAndStop(
      cleanEnv({ PORT: String(port), WANGGUI_PG_PORT: String(await freePort()) }),
      port,
    );
    expect(output).toContain("sysadmin");
    expect(output).toContain("已安全停止");
    expect(existsSync(path.join(clone, ".wanggui", "pg", "postmaster.pid"))).toBe(false);

    const development = npm(["install", "--no-audit", "--no-fund"]);
    expect(development).not.toContain("EBADENGINE");
    // The tests that read the seed text, the law corpus and the AKN schema, with no ../shared.
    expect(existsSync(path.join(work, "shared"))).toBe(false);
    const tested = npm(["test", "--", "packages/regulation", "server/src/seed/bootstrap.test.ts"]);
    expect(tested).toMatch(/Test Files\s+\S*\d+ passed/);
    expect(tested).not.toMatch(/failed/);
  }, 1_500_000);
});
