import { sealPending } from "./audit/chain.ts";
import { type Config, loadConfig } from "./config.ts";
import type { AppContext } from "./context.ts";
import { loadFieldCipher } from "./crypto.ts";
import { startEmbedded } from "./db/embedded.ts";
import { migrate } from "./db/migrate.ts";
import { createPool } from "./db/pool.ts";
import { migrateJobs } from "./jobs/runner.ts";

export interface Runtime {
  ctx: AppContext;
  /** Seals pending audit rows, closes the pool and stops an embedded server started here. */
  close(): Promise<void>;
}

/**
 * Opens the database the way every entry point does: DATABASE_URL if set, otherwise the
 * embedded server under the data folder, then applies pending migrations.
 */
export async function openRuntime(
  log: (line: string) => void,
  config: Config = loadConfig(),
): Promise<Runtime> {
  const database = config.databaseUrl
    ? { url: config.databaseUrl, stop: async () => {} }
    : await startEmbedded(config.dataDir, log);
  const db = createPool(database.url);
  try {
    const { applied } = await migrate(db);
    if (applied.length > 0) log(`已应用数据库迁移：${applied.join(", ")}`);
    const cipher = await loadFieldCipher(config.keyFile);
    const ctx = { db, config, cipher };
    await migrateJobs(ctx);
    return {
      ctx,
      close: async () => {
        await sealPending(db).catch(() => undefined);
        await db.end();
        await database.stop();
      },
    };
  } catch (error) {
    await db.end();
    await database.stop();
    throw error;
  }
}
