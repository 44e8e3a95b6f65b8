import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runCli } from "../../test/cli.ts";
import { testDatabase } from "../../test/db.ts";
import { buildMember, buildOrg } from "../../test/factories.ts";
import { withDatabase } from "../../test/global-setup.ts";
import { findPgTool } from "../platform/backup.ts";
import type { Db } from "../platform/db/pool.ts";
import { fileStore } from "../platform/files.ts";

const work = mkdtempSync(path.join(tmpdir(), "wanggui-backup-"));
chmodSync(work, 0o755);
const sourceData = path.join(work, "source");
const restoredData = path.join(work, "restored");
const backupDir = path.join(work, "backup");
const fieldKey = Buffer.alloc(32, 7).toString("base64");
const SECRETS = {
  "audit-signing.key":
    "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIEd2YW5nZ3VpLXNpZ25pbmcta2V5LXRlc3Q=\n",
  "audit-checkpoints.jsonl": '{"seq":42,"hash":"c0ffee","sig":"checkpoint-signature-test"}\n',
  "pg-app.json": '{"user":"wanggui_app","password":"app-login-secret-7351"}',
  "field.key.retired-55ac39168477e0eb": Buffer.alloc(32, 9).toString("base64"),
};
const restoredName = `${inject("dbRunPrefix")}restored`;

let db: Db;
let url: string;
let serverMajor: number;

beforeAll(async () => {
  ({ db, url } = await testDatabase());
  const city = await buildOrg(db, { name: "中共临川市委" });
  const branch = await buildOrg(db, { parent: city, name: "临川市城关镇第一党支部" });
  await buildMember(db, { org: branch, name: "王秀兰" });
  await buildMember(db, { org: branch, name: "陈建华" });
  const store = fileStore(sourceData);
  await store.put(Buffer.from("组织生活会会议记录（2026年11月）", "utf8"));
  await store.put(Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]));
  // What the embedded default keeps beside the file store: none of it may travel with a dump.
  for (const [name, text] of Object.entries(SECRETS))
    writeFileSync(path.join(sourceData, name), text);
  serverMajor = Math.floor(
    Number((await db.query("SHOW server_version_num")).rows[0].server_version_num) / 10000,
  );
});

afterAll(async () => {
  const admin = new pg.Client({ connectionString: inject("dbAdminUrl") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`);
  await admin.end();
  rmSync(work, { recursive: true, force: true });
});

const wanggui = (env: Record<string, string>, ...args: string[]) =>
  runCli({ WANGGUI_FIELD_KEY: fieldKey, ...env }, ...args);

/** Every table's rows as one digest each, so two databases compare table by table. */
async function tableDigests(connectionString: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
        WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
    );
    const digests: Record<string, string> = {};
    for (const { name } of tables.rows) {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS d
           FROM ${name} t`,
      );
      digests[name] = `${rows[0].n}:${rows[0].d}`;
    }
    return digests;
  } finally {
    await client.end();
  }
}

function filesUnder(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = readFileSync(full).toString("base64");
  }
  return out;
}

describe("wanggui backup and restore", () => {
  it("round-trips every table and every file, with the keys kept out of the backup", async () => {
    const pgDumpFound = await findPgTool("pg_dump", serverMajor).then(
      () => true,
      () => false,
    );
    const backup = await wanggui(
      { DATABASE_URL: url, WANGGUI_DATA_DIR: sourceData },
      "backup",
      "--out",
      backupDir,
    );
    if (!pgDumpFound) {
      // The embedded server is newer than the machine's client tools: say so in one line.
      expect(backup.code).toBe(1);
      expect(backup.stderr.trim()).toMatch(
        new RegExp(`^错误：备份与恢复需要 PostgreSQL ${serverMajor} 或更高版本的 pg_dump`),
      );
      return;
    }
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain("2 个文件");
    expect(readdirSync(backupDir).sort()).toEqual(["database.dump", "files", "manifest.json"]);
    expect(JSON.parse(readFileSync(path.join(backupDir, "manifest.json"), "utf8"))).toMatchObject({
      keysIncluded: false,
      files: 2,
    });
    const key = Buffer.from(fieldKey, "base64");
    for (const content of Object.values(filesUnder(backupDir))) {
      const bytes = Buffer.from(content, "base64");
      expect(bytes.includes(key)).toBe(false);
      expect(bytes.includes(Buffer.from(fieldKey))).toBe(false);
      for (const text of Object.values(SECRETS))
        expect(bytes.includes(Buffer.from(text))).toBe(false);
    }

    const admin = new pg.Client({ connectionString: inject("dbAdminUrl") });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${restoredName}`);
    await admin.end();
    const restoredUrl = withDatabase(inject("dbAdminUrl"), restoredName);
    const env = { DATABASE_URL: restoredUrl, WANGGUI_DATA_DIR: restoredData };

    const unconfirmed = await wanggui(env, "restore", "--from", backupDir);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr.trim()).toMatch(
      /^错误：恢复会用 .* 覆盖当前数据库的全部数据：.*--yes/,
    );

    const restored = await wanggui(env, "restore", "--from", backupDir, "--yes");
    expect(restored.code, restored.stderr).toBe(0);
    const before = await tableDigests(url);
    expect(Object.keys(before).length).toBeGreaterThan(20);
    expect(await tableDigests(restoredUrl)).toEqual(before);
    expect(filesUnder(path.join(restoredData, "files"))).toEqual(
      filesUnder(path.join(sourceData, "files")),
    );
  }, 300_000);

  it("refuses a folder that is not a backup, in one line", async () => {
    const result = await wanggui(
      { DATABASE_URL: url, WANGGUI_DATA_DIR: sourceData },
      "restore",
      "--from",
      work,
      "--yes",
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `错误：${work} 不是网规备份目录（缺少 manifest.json 或 database.dump）`,
    );
  }, 120_000);
});
