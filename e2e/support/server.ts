import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

export const repo = path.resolve(import.meta.dirname, "../..");

export function freePort(): Promise<number> {
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

export interface RunningServer {
  url: string;
  /** Username -> one-time password, as printed at first start. */
  passwords: Map<string, string>;
  output: () => string;
  stop: () => Promise<void>;
}

/** With DATABASE_URL (CI), a freshly created database beside it; otherwise embedded PostgreSQL. */
async function freshDatabase(): Promise<{ url: string | null; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) return { url: null, drop: async () => {} };
  const name = `wanggui_e2e_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Builds the web app the servers serve, once for the whole run (the global setup): every
 * journey's server serves the same build.
 */
export function buildWeb() {
  // Vitest sets NODE_ENV=test, which would give a development build of React.
  execFileSync("npx", ["vite", "build", "--logLevel", "error"], {
    cwd: path.join(repo, "web"),
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
}

/**
 * Starts the real server, serving the web app the global setup built, on a fresh data folder
 * (or fresh database), reading the one-time passwords it prints at first start.
 */
export async function startServer(): Promise<RunningServer> {
  const work = mkdtempSync(path.join(tmpdir(), "wanggui-e2e-"));
  // The embedded PostgreSQL may run as another user, which must be able to reach its folder.
  chmodSync(work, 0o755);
  const dataDir = path.join(work, "data");
  const port = await freePort();
  const db = await freshDatabase();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WANGGUI_DATA_DIR: dataDir,
    PORT: String(port),
    WANGGUI_PG_PORT: String(await freePort()),
  };
  if (db.url) env.DATABASE_URL = db.url;
  else delete env.DATABASE_URL;
  let output = "";
  const child: ChildProcess = spawn("node", ["server/bin/wanggui.js", "start"], {
    cwd: repo,
    env,
    detached: true,
  });
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 180; i++) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    const ok = await fetch(`${url}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok && output.includes("demo.secretary")) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const passwords = new Map<string, string>();
  for (const m of output.matchAll(/^\s+([a-z][a-z0-9_.-]+)\s+(\S{10,})\s/gm)) {
    if (m[1] && m[2]) passwords.set(m[1], m[2]);
  }
  if (!passwords.has("demo.secretary")) throw new Error(`no demo passwords printed:\n${output}`);
  await changeDemoPasswords(url, passwords);
  return {
    url,
    passwords,
    output: () => output,
    stop: async () => {
      if (child.pid && child.exitCode === null) {
        const exited = new Promise((r) => child.on("exit", r));
        process.kill(-child.pid, "SIGINT");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
        if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
      }
      await db.drop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/**
 * Demo accounts must change their printed password at first sign-in. The journeys are about
 * what comes after, so each demo account does that step here, through the API, and the map
 * holds the new password. (The change itself is a server test and the secretary's journey.)
 */
async function changeDemoPasswords(url: string, passwords: Map<string, string>) {
  for (const [username, printed] of passwords) {
    if (!username.startsWith("demo.")) continue;
    const login = await fetch(`${url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: printed }),
    });
    if (!login.ok) throw new Error(`${username} could not sign in: ${await login.text()}`);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const fresh = `Qingshan#${username.slice(5, 6).toUpperCase()}${username.slice(6)}2024`;
    const changed = await fetch(`${url}/api/auth/password`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, "x-csrf-token": csrfToken },
      body: JSON.stringify({ currentPassword: printed, newPassword: fresh }),
    });
    if (!changed.ok) throw new Error(`${username} could not change: ${await changed.text()}`);
    await fetch(`${url}/api/auth/logout`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrfToken },
    });
    passwords.set(username, fresh);
  }
}
