// Issue 14: the operator's commands for ADR 0028, run as the real CLI.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runCli } from "../../test/cli.ts";
import { testDatabase } from "../../test/db.ts";
import { buildOrg } from "../../test/factories.ts";
import { withDatabase } from "../../test/global-setup.ts";
import type { Db } from "../platform/db/pool.ts";

let db: Db;
let url: string;
const nationName = `${inject("dbRunPrefix")}nation_cli`;
const nationUrl = withDatabase(inject("dbAdminUrl"), nationName);

const onProvince = (...args: string[]) =>
  runCli({ DATABASE_URL: url, WANGGUI_FIELD_KEY: Buffer.alloc(32, 7).toString("base64") }, ...args);

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: inject("dbAdminUrl") });
  await client.connect();
  await client.query(sql);
  await client.end();
}

beforeAll(async () => {
  ({ db, url } = await testDatabase());
  await admin(`CREATE DATABASE ${nationName}`);
});

afterAll(() => admin(`DROP DATABASE IF EXISTS ${nationName} WITH (FORCE)`));

describe("wanggui province", () => {
  it("claims the province's id range with an audit record, and refuses another range once used", async () => {
    await db.query("DELETE FROM orgs");
    const claimed = await onProvince("province", "claim", "33");
    expect(claimed.code, claimed.stderr).toBe(0);
    expect(claimed.stdout).toContain("省级代码 33");
    const org = await buildOrg(db, { name: "中共浙江省委员会" });
    expect(Math.floor(org.id / 1e12)).toBe(33);
    const audit = await db.query(
      "SELECT entity_id, actor_label, after FROM audit_events WHERE action = 'national.province.claim'",
    );
    expect(audit.rows).toEqual([
      {
        entity_id: "33",
        actor_label: "cli",
        after: { code: 33, low: 33e12, high: 34e12 - 1 },
      },
    ]);

    const refused = await onProvince("province", "claim", "32");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/1 个党组织的编号不在省级代码 32 的范围内/);
    const bad = await onProvince("province", "claim", "浙江");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/省级代码须为 11–65 的整数/);
    const after = await db.query(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'national.province.claim'",
    );
    expect(after.rows[0].n).toBe(1);
  }, 120_000);

  it("publishes only where logical decoding is on, and says how to turn it on", async () => {
    const level = (await db.query<{ wal_level: string }>("SHOW wal_level")).rows[0]?.wal_level;
    const published = await onProvince("province", "publish");
    const publications = await db.query(
      "SELECT count(*)::int AS n FROM pg_publication WHERE pubname = 'wanggui_national'",
    );
    if (level === "logical") {
      expect(published.code, published.stderr).toBe(0);
      expect(publications.rows[0].n).toBe(1);
    } else {
      expect(published.code).toBe(1);
      expect(published.stderr).toContain(`本库 wal_level 为 ${level}`);
      expect(published.stderr).toContain("设为 logical");
      expect(publications.rows[0].n).toBe(0);
    }
  }, 60_000);
});

describe("wanggui national", () => {
  it("asks for the national node's address", async () => {
    const result = await runCli({ WANGGUI_NATIONAL_URL: "" }, "national", "trends");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("未指定全国节点数据库");
  }, 60_000);

  it("makes the national tables and prints each province and the nation", async () => {
    const init = await runCli({}, "national", "init", "--url", nationUrl);
    expect(init.code, init.stderr).toBe(0);
    const empty = await runCli({}, "national", "trends", "--url", nationUrl, "--year", "2025");
    expect(empty.stdout).toContain("全国节点尚无任何省的汇总（2025 年）");

    // What two provinces' subscriptions would have copied: a root each with its totals.
    const nation = new pg.Client({ connectionString: nationUrl });
    await nation.connect();
    await nation.query(`
      INSERT INTO orgs (id, parent_id, kind, name, path) VALUES
        (33000000000001, NULL, 'committee', '中共浙江省委员会', '33000000000001'),
        (32000000000001, NULL, 'committee', '中共江苏省委员会', '32000000000001');
      INSERT INTO org_rollups (org_id, org_path, metric, month, own, subtree) VALUES
        (33000000000001, '33000000000001', 'members', '2019-06-01', 0, 1200),
        (33000000000001, '33000000000001', 'members', '2025-03-01', 0, 30),
        (33000000000001, '33000000000001', 'exam_passed', '2025-03-01', 0, 400),
        (33000000000001, '33000000000001', 'exam_passed', '2025-11-01', 0, 250),
        (32000000000001, '32000000000001', 'members', '2025-07-01', 0, 900),
        (32000000000001, '32000000000001', 'meetings_held', '2025-12-01', 0, 75),
        (32000000000001, '32000000000001', 'exam_passed', '2026-01-01', 0, 999);`);
    await nation.end();

    const read = await runCli({}, "national", "trends", "--url", nationUrl, "--year", "2025");
    expect(read.code, read.stderr).toBe(0);
    expect(read.stdout.trim().split("\n")).toEqual([
      "省级代码\t党员（年末）\t考试通过\t组织生活会\t整改完成\t民主评议\t表彰",
      "32 中共江苏省委员会\t900\t0\t75\t0\t0\t0",
      "33 中共浙江省委员会\t1230\t650\t0\t0\t0\t0",
      "全国\t2130\t650\t75\t0\t0\t0",
    ]);
    const badYear = await runCli({}, "national", "trends", "--url", nationUrl, "--year", "去年");
    expect(badYear.code).toBe(1);
    expect(badYear.stderr).toContain("--year 须为 2000 到 2100 的年份");
  }, 120_000);
});
