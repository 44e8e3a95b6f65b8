import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const repo = path.resolve(import.meta.dirname, "..");
const work = mkdtempSync(path.join(tmpdir(), "wanggui-fresh-"));
// mkdtemp makes the folder 0700; the embedded PostgreSQL runs as the postgres user under root.
chmodSync(work, 0o755);
const clone = path.join(work, "wanggui");
const dataDir = path.join(work, "data");
let server: ChildProcess | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(),
      );
    });
  });
}

afterAll(() => {
  // Only when the test failed half-way; a stopped group is already gone.
  if (server?.pid && server.exitCode === null && server.signalCode === null) {
    try {
      process.kill(-server.pid, "SIGKILL");
    } catch {}
  }
  rmSync(work, { recursive: true, force: true });
});

/**
 * The README's promise, checked literally: from an empty folder, a clone of the committed
 * tree, `npm ci`, then `npm start` with no DATABASE_URL answers /api/health, and Ctrl-C stops
 * the embedded PostgreSQL cleanly.
 */
describe("README: a fresh clone", () => {
  it("installs, starts on embedded PostgreSQL, answers /api/health and stops on Ctrl-C", async () => {
    execFileSync("git", ["clone", "--quiet", "--depth", "1", `file://${repo}`, clone]);
    execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: clone,
      stdio: "ignore",
    });

    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      WANGGUI_DATA_DIR: dataDir,
      PORT: String(port),
      WANGGUI_PG_PORT: String(await freePort()),
    };
    delete env.DATABASE_URL;
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
    expect(output).toContain("sysadmin");

    const exited = new Promise<number | null>((resolve) => server?.on("exit", resolve));
    process.kill(-(server.pid as number), "SIGINT");
    await exited;
    expect(existsSync(path.join(dataDir, "pg", "postmaster.pid"))).toBe(false);
    expect(output).toContain("已安全停止");
  });
});
