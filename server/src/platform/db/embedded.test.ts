import { execFile } from "node:child_process";
import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testCipher } from "../../../test/db.ts";
import { buildApp } from "../../app.ts";
import { loadConfig } from "../config.ts";
import { type DatabaseHandle, startEmbedded } from "./embedded.ts";
import { migrate } from "./migrate.ts";
import { createPool } from "./pool.ts";

const run = promisify(execFile);
const main = path.resolve(import.meta.dirname, "../../cli/main.ts");
const dataDir = mkdtempSync(path.join(tmpdir(), "wanggui-embedded-"));
// Under root the server runs as the postgres user, which must be able to enter the folder.
chmodSync(dataDir, 0o755);
const pidFile = path.join(dataDir, "pg", "postmaster.pid");
const handles: DatabaseHandle[] = [];
let blocker: Server;
let takenPort: number;

function listenAnywhere(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({ server, port: typeof address === "object" && address ? address.port : 0 });
    });
  });
}

async function freePort(): Promise<number> {
  const { server, port } = await listenAnywhere();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function stopAll() {
  for (const handle of handles.splice(0).reverse()) await handle.stop();
}

async function start(): Promise<DatabaseHandle> {
  const handle = await startEmbedded(dataDir);
  handles.push(handle);
  return handle;
}

beforeAll(async () => {
  ({ server: blocker, port: takenPort } = await listenAnywhere());
});

afterAll(async () => {
  for (const handle of handles.reverse()) await handle.stop().catch(() => undefined);
  blocker.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("embedded PostgreSQL start-up", () => {
  it("names a taken port in one line, then honours a new WANGGUI_PG_PORT", async () => {
    process.env.WANGGUI_PG_PORT = String(takenPort);
    const refused = await startEmbedded(dataDir).then(
      () => "started",
      (error: Error) => error.message,
    );
    expect(refused).toMatch(new RegExp(`端口 ${takenPort} 已被其他程序占用.*WANGGUI_PG_PORT`));
    expect(refused).not.toContain("\n");

    const port = await freePort();
    process.env.WANGGUI_PG_PORT = String(port);
    const db = await start();
    expect(db.url).toContain(`:${port}/`);
    expect(await answers(db.url)).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dataDir, "pg.json"), "utf8")).port).toBe(port);
    await stopAll();
    expect(existsSync(pidFile)).toBe(false);
  });

  it("leaves the server running for a process that joined it, and the last one out stops it", async () => {
    const cli = await start();
    expect(existsSync(pidFile)).toBe(true);
    const server = await start();
    await cli.stop();
    expect(await answers(server.url)).toBe(true);
    handles.length = 0;
    await server.stop();
    expect(existsSync(pidFile)).toBe(false);
    expect(await answers(server.url)).toBe(false);
  });

  it("quotes PostgreSQL's own last log lines when it refuses to start", async () => {
    const conf = path.join(dataDir, "pg", "postgresql.conf");
    const original = readFileSync(conf, "utf8");
    appendFileSync(conf, "\nwanggui_no_such_setting = on\n");
    try {
      const refused = await startEmbedded(dataDir).then(
        () => "started",
        (error: Error) => error.message,
      );
      expect(refused).toMatch(/内置 PostgreSQL 未能在端口 \d+ 启动.*PostgreSQL 日志：/);
      expect(refused).toContain("wanggui_no_such_setting");
      expect(refused).not.toContain("\n");
    } finally {
      writeFileSync(conf, original);
    }
  });

  it("turns /api/health unhealthy when PostgreSQL is killed and healthy again when it returns", async () => {
    const db = await start();
    const pool = createPool(db.url, 2);
    await migrate(pool);
    const app = await buildApp({
      db: pool,
      cipher: testCipher,
      config: { ...loadConfig({}), databaseUrl: db.url },
    });
    const health = async () => (await app.inject({ method: "GET", url: "/api/health" })).statusCode;
    try {
      expect(await health()).toBe(200);
      const postmaster = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
      process.kill(postmaster, "SIGKILL");
      let status = 200;
      for (let i = 0; i < 50 && status === 200; i++) {
        status = await health();
        if (status === 200) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(status).toBe(503);

      // Orphaned backends notice the dead postmaster within a moment; then it starts again.
      let restarted: DatabaseHandle | undefined;
      for (let i = 0; i < 20 && !restarted; i++) {
        restarted = await start().catch(async () => {
          await new Promise((resolve) => setTimeout(resolve, 1000));
          return undefined;
        });
      }
      expect(restarted).toBeDefined();
      let back = 503;
      for (let i = 0; i < 20 && back !== 200; i++) {
        back = await health();
        if (back !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(back).toBe(200);
    } finally {
      await app.close();
      await pool.end();
    }
  });

  it("exits with a one-line reason when the HTTP port is taken, stopping the database it started", async () => {
    await stopAll();
    expect(existsSync(pidFile)).toBe(false);
    const started = Date.now();
    const result = await run(process.execPath, ["--import", "tsx", main, "start"], {
      env: {
        ...process.env,
        DATABASE_URL: "",
        WANGGUI_DATA_DIR: dataDir,
        PORT: String(takenPort),
        WANGGUI_LOG_LEVEL: "silent",
      },
      timeout: 240_000,
    }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `错误：端口 ${takenPort} 已被其他程序占用：请设置 PORT 为空闲端口，或停止占用该端口的程序`,
    );
    expect(Date.now() - started).toBeLessThan(240_000);
    expect(existsSync(pidFile)).toBe(false);
  }, 300_000);
});
