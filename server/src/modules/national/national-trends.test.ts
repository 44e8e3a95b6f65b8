import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { testDatabase } from "../../../test/db.ts";
import { buildMember, buildOrg, type TestOrg } from "../../../test/factories.ts";
import { withDatabase } from "../../../test/global-setup.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { createPool, type Db } from "../../platform/db/pool.ts";
import type { TrendMonth } from "../dashboards/dashboards.schemas.ts";
import { trends } from "../dashboards/trends.ts";
import { foldRollups } from "../rollups/fold-rollups.ts";
import { createNationalTables, PUBLICATION, publishToNation } from "./national-node.ts";
import { asNationalMonth, nationalTrends } from "./national-trends.ts";
import { claimProvinceIds, PROVINCE_SPAN } from "./province-ids.ts";

const YEAR = 2025;

interface Province {
  code: number;
  db: Db;
  root: TestOrg;
}

let zhejiang: Province;
let jiangsu: Province;
let nation: Db;
const nationName = `${inject("dbRunPrefix")}national`;

/** A province with a county and two branches, members joining over the years, one leaving. */
async function province(code: number, name: string, joins: string[]): Promise<Province> {
  const { db } = await testDatabase();
  await claimProvinceIds(db, code);
  const root = await buildOrg(db, { name: `中共${name}省委员会` });
  const county = await buildOrg(db, { parent: root, name: `中共${name}城关县委员会` });
  const branches = [
    await buildOrg(db, { parent: county, name: "城关第一党支部" }),
    await buildOrg(db, { parent: county, name: "城关第二党支部" }),
  ];
  const ids: number[] = [];
  for (const [i, joined] of joins.entries()) {
    const m = await buildMember(db, { org: branches[i % 2] as TestOrg });
    await db.query("UPDATE members SET joined_on = $2::date WHERE id = $1", [m.id, joined]);
    ids.push(m.id);
  }
  await db.query(
    `UPDATE members SET archived_at = '${YEAR}-09-10 10:00+08', archive_reason = '组织关系转出'
      WHERE id = $1`,
    [ids[0]],
  );
  for (const [i, heldOn] of [`${YEAR}-04-20`, `${YEAR}-12-05`].entries()) {
    const b = branches[i] as TestOrg;
    await db.query(
      `INSERT INTO review_meetings (kind, org_id, org_path, org_name, held_on, topic, rectify_by)
       VALUES ('branch_life', $1, $2::ltree, '城关党支部', $3::date, $4, $3::date + 90)`,
      [b.id, b.path, heldOn, `${YEAR}年度组织生活会`],
    );
  }
  await foldRollups(db);
  return { code, db, root };
}

/** What replication does, done by hand: the published columns of both tables, copied. */
async function copyToNation(p: Province) {
  const orgs = await p.db.query("SELECT id, parent_id, kind, name, path::text FROM orgs");
  for (const o of orgs.rows) {
    await nation.query(
      "INSERT INTO orgs (id, parent_id, kind, name, path) VALUES ($1, $2, $3, $4, $5::ltree)",
      [o.id, o.parent_id, o.kind, o.name, o.path],
    );
  }
  const rollups = await p.db.query(
    "SELECT org_id, org_path::text, metric, month, own, subtree FROM org_rollups",
  );
  for (const r of rollups.rows) {
    await nation.query(
      `INSERT INTO org_rollups (org_id, org_path, metric, month, own, subtree)
       VALUES ($1, $2::ltree, $3, $4::date, $5, $6)`,
      [r.org_id, r.org_path, r.metric, r.month, r.own, r.subtree],
    );
  }
}

/**
 * The province's own dashboard read, by its secretary at the root, less the case counts and
 * 民主评议 grades the national read never shows.
 */
async function ownRead(p: Province) {
  const actor: Actor = {
    userId: 0,
    username: "secretary",
    displayName: "王建国",
    memberId: null,
    grants: [
      { id: 0, role: "secretary", orgId: p.root.id, orgPath: p.root.path, orgName: p.root.name },
    ],
  };
  return (await trends(p.db, actor, p.root.id, YEAR)).months.map(asNationalMonth);
}

beforeAll(async () => {
  zhejiang = await province(33, "浙江", ["1998-07-01", `${YEAR}-03-08`, `${YEAR}-06-18`]);
  jiangsu = await province(32, "江苏", [
    "2003-05-04",
    "2010-10-01",
    `${YEAR}-06-30`,
    `${YEAR}-11-02`,
  ]);
  const admin = new pg.Client({ connectionString: inject("dbAdminUrl") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${nationName}`);
  await admin.end();
  nation = createPool(withDatabase(inject("dbAdminUrl"), nationName), 2);
  await createNationalTables(nation);
  await copyToNation(zhejiang);
  await copyToNation(jiangsu);
});

afterAll(async () => {
  await nation?.end();
  const admin = new pg.Client({ connectionString: inject("dbAdminUrl") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${nationName} WITH (FORCE)`);
  await admin.end();
});

describe("national trends over the provinces' rollups", () => {
  it("gives each province its own dashboard's months, and the nation their sum", async () => {
    const read = await nationalTrends(nation, YEAR);
    const zj = await ownRead(zhejiang);
    const js = await ownRead(jiangsu);
    expect(read.provinces.map((p) => [p.province, p.roots])).toEqual([
      [32, ["中共江苏省委员会"]],
      [33, ["中共浙江省委员会"]],
    ]);
    expect(read.provinces.find((p) => p.province === 33)?.months).toEqual(zj);
    expect(read.provinces.find((p) => p.province === 32)?.months).toEqual(js);
    // Every count adds up across provinces; the month and the absent case counts stay.
    const sum = zj.map((m, i) => {
      const o = js[i] as TrendMonth;
      const added: Record<string, unknown> = { ...m };
      for (const [key, value] of Object.entries(m)) {
        if (typeof value === "number") added[key] = value + (o[key as keyof TrendMonth] as number);
      }
      return added;
    });
    expect(read.nation).toEqual(sum);
    // Spelled out: one + two members before the year; joins in March, June (two) and
    // November; each province's earliest member left in September; meetings in April and
    // December in each province.
    expect(read.nation.map((m) => m.members)).toEqual([3, 3, 4, 4, 4, 6, 6, 6, 4, 4, 5, 5]);
    expect(read.nation.map((m) => m.meetingsHeld)).toEqual([0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 2]);
  });

  it("publishes only totals and the orgs' naming columns: nothing that names a person", async () => {
    // An insider on the national node reads everything replicated to it; what leaves the
    // province is fixed by the publication, so the publication itself is checked.
    await publishToNation(zhejiang.db);
    const published = await zhejiang.db.query<{ tablename: string; attnames: string[] }>(
      "SELECT tablename, attnames::text[] FROM pg_publication_tables WHERE pubname = $1 ORDER BY 1",
      [PUBLICATION],
    );
    expect(published.rows).toEqual([
      {
        tablename: "org_rollups",
        attnames: ["org_id", "org_path", "metric", "month", "own", "subtree"],
      },
      { tablename: "orgs", attnames: ["id", "parent_id", "kind", "name", "path"] },
    ]);
  });

  it("keeps the provinces' org ids apart", async () => {
    expect(Math.floor(zhejiang.root.id / PROVINCE_SPAN)).toBe(33);
    expect(Math.floor(jiangsu.root.id / PROVINCE_SPAN)).toBe(32);
  });

  it("will not move a province with orgs to another range", async () => {
    await expect(claimProvinceIds(zhejiang.db, 32)).rejects.toThrow(/不在省级代码 32 的范围内/);
    await expect(claimProvinceIds(zhejiang.db, 99)).rejects.toThrow(/11–65/);
  });

  it("allocates the next org inside the claimed range after a second claim", async () => {
    await claimProvinceIds(jiangsu.db, 32);
    const next = await buildOrg(jiangsu.db, { parent: jiangsu.root, name: "中共江苏南京市委员会" });
    expect(Math.floor(next.id / PROVINCE_SPAN)).toBe(32);
    expect(next.id).toBeGreaterThan(jiangsu.root.id);
  });
});
