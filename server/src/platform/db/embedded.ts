import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import pg from "pg";
import { loadEmbeddedPostgres } from "./embedded-postgres.ts";

export interface DatabaseHandle {
  url: string;
  /** Stops the embedded server if this process started it; a no-op otherwise. */
  stop(): Promise<void>;
}

interface Credentials {
  port: number;
  password: string;
}

const DATABASE = "wanggui";
const DEFAULT_PORT = 54329;

// Each Wanggui process that uses the embedded server holds one connection under this name for
// as long as it runs, so the last one to leave knows it may stop the server.
const PRESENCE = "wanggui-presence";

/**
 * Starts (or joins) the embedded PostgreSQL that keeps its data under dataDir. If another
 * Wanggui process already runs it, this one connects to that server instead of starting a
 * second postmaster on the same files, so the CLI works while `npm start` is running. Whoever
 * leaves last stops it, whether it started the server or joined it: a CLI command that started
 * it leaves it running for an `npm start` that joined since, and that server stops it on Ctrl-C.
 */
export async function startEmbedded(
  dataDir: string,
  log: (line: string) => void = () => {},
): Promise<DatabaseHandle> {
  const pgDir = path.join(dataDir, "pg");
  const credentials = await loadCredentials(dataDir);
  const adminUrl = urlFor(credentials, "postgres");
  const recent = new RecentLines(8);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: credentials.port,
    user: "postgres",
    password: credentials.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message) => recent.add(String(message)),
    onError: (error) => log(`PostgreSQL: ${error instanceof Error ? error.message : error}`),
  });

  let startedHere = false;
  if (!(await canConnect(adminUrl))) {
    await assertPostgresUserCanReach(dataDir);
    if (!existsSync(path.join(pgDir, "PG_VERSION"))) {
      log(`正在初始化内置 PostgreSQL 数据目录 ${pgDir}`);
      await server.initialise();
    }
    await assertPortFree(credentials.port);
    try {
      await server.start();
    } catch {
      throw new Error(
        `内置 PostgreSQL 未能在端口 ${credentials.port} 启动（数据目录 ${pgDir}）${recent.describe()}`,
      );
    }
    startedHere = true;
  }
  await saveCredentials(dataDir, credentials);
  await ensureDatabase(adminUrl);
  const presence = new pg.Client({ connectionString: adminUrl, application_name: PRESENCE });
  presence.on("error", () => {});
  await presence.connect();
  const ownBackend = (await presence.query<{ pid: number }>("SELECT pg_backend_pid() AS pid"))
    .rows[0]?.pid;
  return {
    url: urlFor(credentials, DATABASE),
    stop: async () => {
      await presence.end().catch(() => undefined);
      const pidFile = path.join(pgDir, "postmaster.pid");
      const others = await othersPresent(adminUrl, ownBackend ?? 0);
      if (others === "yes") return;
      // Ctrl-C in a terminal reaches PostgreSQL too, and it may already be shutting down on
      // its own; its pid file disappears once the data is safely on disk either way.
      if (others === "unreachable") {
        await fileGone(pidFile, 60_000);
      } else if (startedHere) {
        await Promise.race([server.stop(), fileGone(pidFile, 60_000)]);
      } else {
        await stopByPidFile(pidFile);
      }
    },
  };
}

/** PostgreSQL's stderr, kept so a failed start can say what PostgreSQL said. */
class RecentLines {
  private lines: string[] = [];
  constructor(private readonly keep: number) {}

  add(chunk: string) {
    for (const line of chunk.split("\n")) {
      const text = line.trim();
      if (text) this.lines.push(text);
    }
    this.lines = this.lines.slice(-this.keep);
  }

  /** The last lines PostgreSQL wrote, on one line: "：… | …", or nothing. */
  describe(): string {
    const last = this.lines.slice(-3).map((line) => line.replace(/^\S+ \S+ \S+ \[\d+\] /, ""));
    return last.length ? `。PostgreSQL 日志：${last.join(" | ")}` : "";
  }
}

async function assertPortFree(port: number): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
  if (!free) {
    throw new Error(
      `端口 ${port} 已被其他程序占用，内置 PostgreSQL 无法监听：请设置 WANGGUI_PG_PORT 为空闲端口，或停止占用该端口的程序`,
    );
  }
}

/** Whether another Wanggui process still holds its presence connection. */
async function othersPresent(
  adminUrl: string,
  ownBackend: number,
): Promise<"yes" | "no" | "unreachable"> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const found = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND pid <> $2",
      [PRESENCE, ownBackend],
    );
    return (found.rows[0]?.n ?? 0) > 0 ? "yes" : "no";
  } catch {
    return "unreachable";
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Fast shutdown of a server another process started: SIGINT to the postmaster. */
async function stopByPidFile(pidFile: string): Promise<void> {
  const pid = await readFile(pidFile, "utf8")
    .then((text) => Number(text.split("\n")[0]))
    .catch(() => 0);
  if (!pid) return;
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return;
  }
  await fileGone(pidFile, 60_000);
}

/**
 * PostgreSQL refuses to run as root, so under root the server runs as the `postgres` user,
 * which must be able to reach both its binaries (in node_modules) and the data folder. A
 * folder such as /root or a 0700 temporary directory on the way blocks it; say so plainly
 * instead of failing inside the library with EACCES.
 */
async function assertPostgresUserCanReach(dataDir: string) {
  if (process.getuid?.() !== 0) return;
  if (spawnSync("id", ["-u", "postgres"]).status !== 0) return;
  const binaries: { postgres: string } = await import(
    `@embedded-postgres/${process.platform}-${process.arch}`
  );
  for (const target of [binaries.postgres, dataDir]) {
    if (spawnSync("runuser", ["-u", "postgres", "--", "test", "-x", target]).status !== 0) {
      throw new Error(
        `内置 PostgreSQL 以 postgres 用户运行，但该用户无法进入 ${target}。请让其上级各目录允许其他用户进入（chmod o+x），或设置 DATABASE_URL 使用外部数据库。`,
      );
    }
  }
}

async function fileGone(file: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (existsSync(file) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The password is made once and kept; the port is WANGGUI_PG_PORT whenever it is set, so a
 * port chosen after a failed first start (or a clash later) takes effect.
 */
async function loadCredentials(dataDir: string): Promise<Credentials> {
  const file = path.join(dataDir, "pg.json");
  const stored = existsSync(file)
    ? (JSON.parse(await readFile(file, "utf8")) as Credentials)
    : undefined;
  const wanted = process.env.WANGGUI_PG_PORT;
  const port = wanted ? Number(wanted) : (stored?.port ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`WANGGUI_PG_PORT 须为 1-65535 之间的整数，收到 "${wanted}"`);
  }
  const credentials = { port, password: stored?.password ?? randomBytes(24).toString("base64url") };
  if (!stored) await saveCredentials(dataDir, credentials);
  return credentials;
}

async function saveCredentials(dataDir: string, credentials: Credentials): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await writeFile(path.join(dataDir, "pg.json"), JSON.stringify(credentials), { mode: 0o600 });
}

function urlFor({ port, password }: Credentials, database: string): string {
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}
