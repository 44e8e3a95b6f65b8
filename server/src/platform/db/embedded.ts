import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
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

/**
 * Starts (or joins) the embedded PostgreSQL that keeps its data under dataDir. If another
 * Wanggui process already runs it, this one connects to that server instead of starting a
 * second postmaster on the same files, so the CLI works while `npm start` is running.
 */
export async function startEmbedded(
  dataDir: string,
  log: (line: string) => void = () => {},
): Promise<DatabaseHandle> {
  const pgDir = path.join(dataDir, "pg");
  const credentials = await loadCredentials(dataDir);
  const adminUrl = urlFor(credentials, "postgres");
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
    onLog: () => {},
    onError: (error) => log(`PostgreSQL: ${error instanceof Error ? error.message : error}`),
  });

  let startedHere = false;
  if (!(await canConnect(adminUrl))) {
    await assertPostgresUserCanReach(dataDir);
    if (!existsSync(path.join(pgDir, "PG_VERSION"))) {
      log(`正在初始化内置 PostgreSQL 数据目录 ${pgDir}`);
      await server.initialise();
    }
    await server.start();
    startedHere = true;
  }
  await ensureDatabase(adminUrl);
  return {
    url: urlFor(credentials, DATABASE),
    stop: async () => {
      if (!startedHere) return;
      // Ctrl-C in a terminal reaches PostgreSQL too, and it may already be shutting down on
      // its own; its pid file disappears once the data is safely on disk either way.
      await Promise.race([server.stop(), fileGone(path.join(pgDir, "postmaster.pid"), 60_000)]);
    },
  };
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

async function loadCredentials(dataDir: string): Promise<Credentials> {
  const file = path.join(dataDir, "pg.json");
  if (existsSync(file)) return JSON.parse(await readFile(file, "utf8")) as Credentials;
  await mkdir(dataDir, { recursive: true });
  const credentials: Credentials = {
    port: Number(process.env.WANGGUI_PG_PORT ?? 54329),
    password: randomBytes(24).toString("base64url"),
  };
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
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
