import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { type Db, withTx } from "./pool.ts";

const migrationsDir = path.resolve(import.meta.dirname, "../../../migrations");

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies pending migrations in file-name order inside one transaction: if any file fails,
 * none of the pending ones is kept and the schema stays as it was. An advisory lock keeps
 * two starting processes from applying the same file twice.
 */
export async function migrate(db: Db, dir = migrationsDir): Promise<MigrationResult> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
  return withTx(db, async (lockTx) => {
    await lockTx.query("SELECT pg_advisory_xact_lock(4242001)");
    await lockTx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await lockTx.query<{ name: string }>("SELECT name FROM schema_migrations")).rows.map(
        (r) => r.name,
      ),
    );
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      const sql = await readFile(path.join(dir, file), "utf8");
      try {
        await lockTx.query(sql);
      } catch (error) {
        throw new MigrationError(file, error);
      }
      await lockTx.query("INSERT INTO schema_migrations (name) VALUES ($1)", [file]);
      applied.push(file);
    }
    return { applied, alreadyApplied: done.size };
  });
}

export class MigrationError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`migration ${file} failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}
