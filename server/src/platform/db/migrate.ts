import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { type Db, type Tx, withTx } from "./pool.ts";

const migrationsDir = path.resolve(import.meta.dirname, "../../../migrations");

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

/**
 * Applies pending migrations in file-name order inside one transaction: if any file fails,
 * none of the pending ones is kept and the schema stays as it was. An advisory lock keeps
 * two starting processes from applying the same file twice. Before anything runs, every
 * applied file must still hash to what was recorded when it ran, and no pending file may sort
 * before the newest applied one: either means this database and these files have parted ways.
 */
export async function migrate(db: Db, dir = migrationsDir): Promise<MigrationResult> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort();
  const texts = new Map<string, string>();
  for (const file of files) texts.set(file, await readFile(path.join(dir, file), "utf8"));
  return withTx(db, async (lockTx) => {
    await lockTx.query("SELECT pg_advisory_xact_lock(4242001)");
    await lockTx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    await lockTx.query("ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text");
    const done = await appliedMigrations(lockTx);
    await checkApplied(lockTx, done, texts);
    const newest = [...done.keys()].sort().at(-1);
    const pending = files.filter((f) => !done.has(f));
    const early = pending.find((f) => newest !== undefined && f < newest);
    if (early) {
      throw new MigrationError(
        early,
        `尚未应用，却排在已应用的 ${newest} 之前；请把它改名为排在 ${newest} 之后的编号（已应用的迁移按文件名顺序执行，插在中间的文件不会按预期的顺序生效）`,
      );
    }
    const applied: string[] = [];
    for (const file of pending) {
      const sql = texts.get(file) ?? "";
      try {
        await lockTx.query(sql);
      } catch (error) {
        throw new MigrationError(file, error);
      }
      await lockTx.query("INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)", [
        file,
        checksum(sql),
      ]);
      applied.push(file);
    }
    return { applied, alreadyApplied: done.size };
  });
}

function checksum(sql: string): string {
  return createHash("sha256").update(sql, "utf8").digest("hex");
}

async function appliedMigrations(tx: Tx): Promise<Map<string, string | null>> {
  const rows = await tx.query<{ name: string; checksum: string | null }>(
    "SELECT name, checksum FROM schema_migrations",
  );
  return new Map(rows.rows.map((r) => [r.name, r.checksum]));
}

/**
 * Files applied before checksums were kept get theirs recorded now; a file whose text no
 * longer matches its record is refused, since the database holds what the old text did.
 */
async function checkApplied(
  tx: Tx,
  done: Map<string, string | null>,
  texts: Map<string, string>,
): Promise<void> {
  for (const [name, recorded] of done) {
    const text = texts.get(name);
    if (text === undefined) continue;
    const current = checksum(text);
    if (recorded === null) {
      await tx.query("UPDATE schema_migrations SET checksum = $2 WHERE name = $1", [name, current]);
    } else if (recorded !== current) {
      throw new MigrationError(
        name,
        `已应用后被修改（应用时的校验和 ${recorded.slice(0, 12)}…，现在是 ${current.slice(0, 12)}…）；请恢复原文件，把改动写成一个新的迁移文件`,
      );
    }
  }
}

export class MigrationError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`迁移 ${file} ${cause instanceof Error ? `执行失败：${cause.message}` : String(cause)}`, {
      cause,
    });
  }
}
