import pg from "pg";
import { openCheckpointLog } from "./audit/checkpoints.ts";
import { applyChainHash } from "./audit/hash-setting.ts";
import { sealAndSign } from "./audit/sealer.ts";
import { type Config, loadConfig } from "./config.ts";
import type { AppContext } from "./context.ts";
import { startEmbedded } from "./db/embedded.ts";
import { migrate } from "./db/migrate.ts";
import { createPool, type Db } from "./db/pool.ts";
import {
  ensureEmbeddedAppRole,
  grantAppRole,
  leastPrivilegeWarning,
  loginPrivileges,
} from "./db/roles.ts";
import { openFieldCipher } from "./field-key.ts";
import { migrateJobs } from "./jobs/runner.ts";

export interface Runtime {
  ctx: AppContext;
  /** What the operator should fix, e.g. a login that could rewrite the audit log. */
  warnings: string[];
  /** Seals pending audit rows, closes the pool and stops an embedded server started here. */
  close(): Promise<void>;
}

/**
 * Opens the database the way every entry point does: DATABASE_URL if set, otherwise the
 * embedded server under the data folder. Migrations run as the owner role; the server's
 * pool connects as the application role, which cannot change the schema or the audit log.
 */
export async function openRuntime(
  log: (line: string) => void,
  config: Config = loadConfig(),
  opts: { suiteChange?: boolean } = {},
): Promise<Runtime> {
  const database = config.databaseUrl
    ? { url: config.databaseUrl, stop: async () => {} }
    : await startEmbedded(config.dataDir, log);
  let db: Db | undefined;
  try {
    const urls = config.databaseUrl
      ? { owner: config.databaseOwnerUrl ?? config.databaseUrl, app: config.databaseUrl }
      : { owner: database.url, app: await ensureEmbeddedAppRole(database.url, config.dataDir) };
    await prepareSchema(urls, log);
    db = createPool(urls.app);
    const warning = leastPrivilegeWarning(await loginPrivileges(db));
    // `key rotate` is how fields move between suites, so it alone accepts a key of the other.
    const suite = opts.suiteChange ? undefined : config.cryptoSuite;
    const cipher = await openFieldCipher(db, config.keyFile, process.env, suite);
    const checkpoints = await openCheckpointLog(
      config.auditSigningKeyFile,
      config.auditCheckpointFile,
      config.cryptoSuite,
      !opts.suiteChange,
    );
    // Only once the keys are known to fit the suite does the chain's hash follow it.
    await applySuiteToChain(urls.owner, config, log);
    const pool = db;
    return {
      ctx: { db: pool, config, cipher, checkpoints },
      warnings: warning ? [warning] : [],
      close: async () => {
        await sealAndSign(pool, checkpoints).catch(() => undefined);
        await pool.end();
        await database.stop();
      },
    };
  } catch (error) {
    await db?.end();
    await database.stop();
    throw error;
  }
}

/** Applies migrations as the owner, then grants the application role what it needs. */
async function prepareSchema(urls: { owner: string; app: string }, log: (line: string) => void) {
  const owner = createPool(urls.owner, 2);
  try {
    const { applied } = await migrate(owner);
    if (applied.length > 0) log(`已应用数据库迁移：${applied.join(", ")}`);
    await migrateJobs(owner);
    if (urls.owner === urls.app) return;
    const app = new pg.Client({ connectionString: urls.app });
    await app.connect();
    const role = await app
      .query<{ role: string }>("SELECT current_user AS role")
      .finally(() => app.end());
    const appRole = role.rows[0]?.role ?? "";
    const ownerRole = (await owner.query<{ role: string }>("SELECT current_user AS role")).rows[0]
      ?.role;
    if (appRole !== ownerRole) await grantAppRole(owner, appRole);
  } finally {
    await owner.end();
  }
}

/** Sets, as the owner, the hash the database seals new audit rows with (SM3 in the SM suite). */
async function applySuiteToChain(ownerUrl: string, config: Config, log: (line: string) => void) {
  const owner = createPool(ownerUrl, 1);
  try {
    if (await applyChainHash(owner, config.cryptoSuite)) {
      log(`审计哈希链此后以 ${config.cryptoSuite === "sm" ? "SM3" : "SHA-256"} 封存新记录。`);
    }
  } finally {
    await owner.end();
  }
}
