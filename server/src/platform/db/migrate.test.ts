import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/db.ts";
import { migrate } from "./migrate.ts";
import type { Db } from "./pool.ts";

let db: Db;
let dir: string;

const write = (file: string, sql: string) => writeFile(path.join(dir, file), sql);

beforeAll(async () => {
  ({ db } = await testDatabase());
  dir = await mkdtemp(path.join(tmpdir(), "wanggui-migrations-"));
  // A database that applied two files before checksums were kept.
  await db.query("DROP TABLE schema_migrations");
  await db.query(
    "CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
  );
  await db.query(
    "INSERT INTO schema_migrations (name) VALUES ('0001_branches.sql'), ('0003_meetings.sql')",
  );
  await write("0001_branches.sql", "CREATE TABLE mig_branches (id int);");
  await write("0003_meetings.sql", "CREATE TABLE mig_meetings (id int);");
});

afterAll(() => rm(dir, { recursive: true, force: true }));

const checksums = async () =>
  (await db.query("SELECT name, checksum FROM schema_migrations ORDER BY name")).rows;

describe("migration checksums and order", () => {
  it("records the checksums of files applied before checksums existed", async () => {
    expect(await migrate(db, dir)).toEqual({ applied: [], alreadyApplied: 2 });
    const rows = await checksums();
    expect(rows.map((r) => r.name)).toEqual(["0001_branches.sql", "0003_meetings.sql"]);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
  });

  it("applies a new file that sorts after the newest and records its checksum", async () => {
    await write("0004_votes.sql", "CREATE TABLE mig_votes (id int);");
    expect((await migrate(db, dir)).applied).toEqual(["0004_votes.sql"]);
    expect((await checksums()).at(-1)?.name).toBe("0004_votes.sql");
  });

  it("refuses a file changed after it was applied, naming it, and applies nothing", async () => {
    await write("0003_meetings.sql", "CREATE TABLE mig_meetings (id int, title text);");
    await write("0005_followups.sql", "CREATE TABLE mig_followups (id int);");
    await expect(migrate(db, dir)).rejects.toThrow(
      /迁移 0003_meetings\.sql 已应用后被修改.*新的迁移文件/,
    );
    const exists = await db.query("SELECT to_regclass('mig_followups') AS t");
    expect(exists.rows[0].t).toBeNull();
    await write("0003_meetings.sql", "CREATE TABLE mig_meetings (id int);");
  });

  it("refuses an unapplied file that sorts before the newest applied one", async () => {
    await write("0003b_minutes.sql", "CREATE TABLE mig_minutes (id int);");
    await expect(migrate(db, dir)).rejects.toThrow(
      /迁移 0003b_minutes\.sql 尚未应用，却排在已应用的 0004_votes\.sql 之前/,
    );
    await rm(path.join(dir, "0003b_minutes.sql"));
    expect((await migrate(db, dir)).applied).toEqual(["0005_followups.sql"]);
  });
});
