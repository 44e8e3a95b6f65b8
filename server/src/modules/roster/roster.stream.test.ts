/**
 * A roster larger than one batch is read, checked and written a batch at a time inside one
 * transaction (issue 10). These tests try what that could break: a reader running ahead of
 * its writer, an error found only after earlier batches were written, a duplicate split
 * across two batches.
 */
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import type { AppContext } from "../../platform/context.ts";
import { auditCount, type Caller, countyTree } from "../orgs/orgs.fixtures.ts";
import { streamRoster } from "./read-roster.ts";
import { COLUMNS } from "./roster-columns.ts";
import { idMaker, rosterRow, rosterWorkbook, uploadRoster } from "./roster-test-files.ts";

let app: FastifyInstance;
let ctx: AppContext;
const SURNAMES = [..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"];
const GIVEN = [..."伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红梅"];
/** More rows than a reader's batch (2,000), so the file arrives in three. */
const ROWS = 4_500;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
});

/** Rosters built so far; each numbers its IDs from its own start, so none repeats another's. */
let built = 0;

/**
 * Rows of a large roster: row i has its own birthday, so its own valid ID number, and the
 * rosters of one file differ in the ID's sequence digits, as every file's rows go on the roll.
 */
function largeRows(
  org: string,
  change: (i: number) => Partial<Record<string, string>> = () => ({}),
) {
  const id = idMaker(700 + 123 * built);
  built += 1;
  return Array.from({ length: ROWS }, (_, i) => {
    const birth = new Date(Date.UTC(1960, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const name = `${SURNAMES[i % 20]}${GIVEN[Math.floor(i / 20) % 30]}${GIVEN[i % 30]}`;
    return rosterRow(id, name, org, { 出生日期: birth, 身份证号: id(birth), ...change(i) });
  });
}

const largeRoster = (org: string, change?: (i: number) => Partial<Record<string, string>>) =>
  rosterWorkbook(largeRows(org, change));

function upload(who: Caller, url: string, file: Buffer) {
  return uploadRoster(app, who, url, file);
}

async function membersOf(orgId: number): Promise<number> {
  const r = await ctx.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM members WHERE org_id = $1",
    [orgId],
  );
  return r.rows[0]?.n ?? 0;
}

describe("a roster read a batch at a time", () => {
  it("hands the next batch over only once the last one is handled", async () => {
    const t = await countyTree(ctx, "分批");
    const file = await largeRoster(t.branch.name);
    let inFlight = 0;
    let most = 0;
    const sizes: number[] = [];
    const count = await streamRoster(file, async (batch) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      sizes.push(batch.rows.length);
      await new Promise((r) => setTimeout(r, 150));
      inFlight -= 1;
    });
    expect(count).toBe(ROWS);
    expect(sizes).toEqual([2_000, 2_000, 500]);
    expect(most).toBe(1);
  });

  it("imports every batch in one go, with one audit row per member and one for the file", async () => {
    const t = await countyTree(ctx, "整批");
    const seeded = await membersOf(t.branch.id);
    const before = await auditCount(ctx, "member.create");
    const res = await upload(t.secretary, "/api/roster/import", await largeRoster(t.branch.name));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: ROWS });
    expect(await membersOf(t.branch.id)).toBe(seeded + ROWS);
    expect(await auditCount(ctx, "member.create")).toBe(before + ROWS);
    const audit = await ctx.db.query<{ created: number; ids: number }>(
      `SELECT (after->>'created')::int AS created, jsonb_array_length(after->'memberIds') AS ids
         FROM audit_events WHERE action = 'roster.import' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.rows[0]).toEqual({ created: ROWS, ids: ROWS });
  });

  it("writes nothing when only the last batch has a wrong row, though the first two were written", async () => {
    const t = await countyTree(ctx, "末批");
    const file = await largeRoster(t.branch.name, (i) =>
      i === 4_400 ? { 入党日期: "2099-01-01" } : {},
    );
    const [seeded, before] = [await membersOf(t.branch.id), await auditCount(ctx)];
    const res = await upload(t.secretary, "/api/roster/import", file);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: "roster_invalid", field: "file" });
    expect(await membersOf(t.branch.id)).toBe(seeded);
    expect(await auditCount(ctx)).toBe(before);
  });

  it("finds an ID number that repeats across batches and names the sheet row it repeats", async () => {
    const t = await countyTree(ctx, "跨批");
    const rows = largeRows(t.branch.name);
    // Data row 4,100 (sheet row 4,102, third batch) takes the birthday and ID number of data
    // row 10 (sheet row 12, first batch).
    const [first, copy] = [rows[10], rows[4_100]] as string[][];
    for (const header of ["出生日期", "身份证号"]) {
      const column = COLUMNS.findIndex((c) => c.header === header);
      (copy as string[])[column] = (first as string[])[column] as string;
    }
    const res = await upload(t.secretary, "/api/roster/preview", await rosterWorkbook(rows));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: ROWS, validRows: ROWS - 1 });
    expect(res.json().issues).toEqual([
      { row: 4_102, column: "身份证号", message: "身份证号码与第 12 行重复" },
    ]);
  });
});
