import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

export const DUMP_FILE = "database.dump";
export const FILES_DIR = "files";
export const MANIFEST_FILE = "manifest.json";

export interface BackupManifest {
  format: 1;
  createdAt: string;
  serverVersion: string;
  pgDump: string;
  files: number;
  /** Never in the backup: the field key and the audit signing key are kept apart. */
  keysIncluded: false;
}

/**
 * pg_dump refuses a server newer than itself, so the tool is looked up by version: the folder in
 * WANGGUI_PG_BIN, then PATH, then Debian's /usr/lib/postgresql/<major>/bin, newest first.
 */
export async function findPgTool(tool: "pg_dump" | "pg_restore", serverMajor: number) {
  const candidates: string[] = [];
  if (process.env.WANGGUI_PG_BIN) candidates.push(path.join(process.env.WANGGUI_PG_BIN, tool));
  candidates.push(tool);
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    for (const major of readdirSync(debian).sort((a, b) => Number(b) - Number(a))) {
      candidates.push(path.join(debian, major, "bin", tool));
    }
  }
  for (const candidate of candidates) {
    const version = await run(candidate, ["--version"]).then(
      ({ stdout }) => Number(/(\d+)(?:\.\d+)?/.exec(stdout)?.[1] ?? 0),
      () => 0,
    );
    if (version >= serverMajor) return candidate;
  }
  throw new Error(
    `备份与恢复需要 PostgreSQL ${serverMajor} 或更高版本的 ${tool}，未找到：请安装对应版本的 PostgreSQL 客户端，或设置 WANGGUI_PG_BIN 为其 bin 目录`,
  );
}

async function serverVersion(url: string): Promise<{ text: string; major: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string; n: string }>(
      "SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS n",
    );
    return { text: rows[0]?.v ?? "", major: Math.floor(Number(rows[0]?.n ?? 0) / 10000) };
  } finally {
    await client.end();
  }
}

async function countFiles(dir: string): Promise<number> {
  if (!existsSync(dir)) return 0;
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).length;
}

/**
 * Writes a backup folder: the database in pg_dump's custom format, the content-addressed file
 * store, and a manifest. The keys stay where they are: a backup that carried the field key
 * would hand every encrypted ID number to whoever holds the backup.
 */
export async function createBackup(input: {
  databaseUrl: string;
  dataDir: string;
  out: string;
}): Promise<BackupManifest> {
  if (existsSync(input.out) && (await readdir(input.out)).length > 0) {
    throw new Error(`备份目录 ${input.out} 不是空目录：请指定新的目录`);
  }
  await mkdir(input.out, { recursive: true, mode: 0o700 });
  const version = await serverVersion(input.databaseUrl);
  const pgDump = await findPgTool("pg_dump", version.major);
  await run(pgDump, [
    "--format=custom",
    "--file",
    path.join(input.out, DUMP_FILE),
    "--dbname",
    input.databaseUrl,
  ]);
  const files = path.join(input.dataDir, FILES_DIR);
  if (existsSync(files)) await cp(files, path.join(input.out, FILES_DIR), { recursive: true });
  const manifest: BackupManifest = {
    format: 1,
    createdAt: new Date().toISOString(),
    serverVersion: version.text,
    pgDump: (await run(pgDump, ["--version"])).stdout.trim(),
    files: await countFiles(path.join(input.out, FILES_DIR)),
    keysIncluded: false,
  };
  await writeFile(path.join(input.out, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Restores a backup folder into the database (in one transaction: a failure leaves it as it
 * was) and copies the file store back. The same field key must be in place to read the
 * encrypted fields, which is why the key is kept apart but never lost.
 */
export async function restoreBackup(input: {
  databaseUrl: string;
  dataDir: string;
  from: string;
}): Promise<BackupManifest> {
  const manifestPath = path.join(input.from, MANIFEST_FILE);
  if (!existsSync(manifestPath) || !existsSync(path.join(input.from, DUMP_FILE))) {
    throw new Error(`${input.from} 不是网规备份目录（缺少 ${MANIFEST_FILE} 或 ${DUMP_FILE}）`);
  }
  const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as BackupManifest;
  const version = await serverVersion(input.databaseUrl);
  const pgRestore = await findPgTool("pg_restore", version.major);
  try {
    await run(pgRestore, [
      "--clean",
      "--if-exists",
      "--single-transaction",
      "--exit-on-error",
      "--dbname",
      input.databaseUrl,
      path.join(input.from, DUMP_FILE),
    ]);
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? "").trim();
    const last = stderr.split("\n").filter(Boolean).slice(-2).join(" | ");
    throw new Error(`恢复数据库失败，数据库未改动：${last || (error as Error).message}`);
  }
  const files = path.join(input.from, FILES_DIR);
  if (existsSync(files)) {
    await cp(files, path.join(input.dataDir, FILES_DIR), { recursive: true, force: true });
  }
  return manifest;
}
