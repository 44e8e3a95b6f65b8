import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import type { AppContext } from "../../platform/context.ts";
import { XLSX_MIME } from "../../platform/xlsx.ts";
import { anonymous, auditCount, type Caller, call, countyTree } from "../orgs/orgs.fixtures.ts";
import { COLUMNS, REQUIRED } from "./roster-columns.ts";
import { rosterWorkbook, uploadRoster } from "./roster-test-files.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: Awaited<ReturnType<typeof countyTree>>;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await countyTree(ctx, "名册");
});

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
let serial = 100;

/** A man born on `birth` with a valid check digit, unique within this file's run. */
function idOf(birth: string): string {
  serial += 2;
  const body = `330106${birth.replaceAll("-", "")}${String(serial + 1)
    .padStart(3, "0")
    .slice(-3)}`;
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (WEIGHTS[i] ?? 0), 0);
  return body + "10X98765432"[sum % 11];
}

function row(name: string, org: string, overrides: Partial<Record<string, string>> = {}) {
  const cells: Record<string, string> = {
    姓名: name,
    性别: "男",
    民族: "汉族",
    出生日期: "1980-03-15",
    身份证号: idOf("1980-03-15"),
    手机号: "13900139000",
    所在党组织: org,
    人员类别: "正式党员",
    入党日期: "2005-07-01",
    转正日期: "2006-07-01",
    是否干部: "否",
    职务: "",
    ...overrides,
  };
  return COLUMNS.map((c) => cells[c.header] ?? "");
}

function upload(who: Caller, url: string, file: Buffer) {
  return uploadRoster(app, who, url, file);
}

async function membersNamed(prefix: string): Promise<number> {
  const r = await ctx.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM members WHERE name LIKE $1",
    [`${prefix}%`],
  );
  return r.rows[0]?.n ?? 0;
}

describe("roster import", () => {
  it("previews every problem by row and column and writes nothing", async () => {
    const file = await rosterWorkbook([
      row("预览甲", t.branch.name),
      row("预览乙", t.branch.name, { 身份证号: "330106198003150000" }),
      row("预览丙", t.branch.name, { 性别: "未知", 入党日期: "2005/13/40" }),
    ]);
    const before = await auditCount(ctx);
    const res = await upload(t.secretary, "/api/roster/preview", file);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ rows: 3, validRows: 1 });
    expect(body.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: "身份证号" }),
        expect.objectContaining({ row: 4, column: "性别" }),
        expect.objectContaining({ row: 4, column: "入党日期" }),
      ]),
    );
    expect(await membersNamed("预览")).toBe(0);
    // The only row written is the audit of the lookup itself (issue 15).
    expect(await auditCount(ctx)).toBe(before + 1);
    expect(await auditCount(ctx, "member.id_number_check")).toBeGreaterThan(0);
  });

  it("reports every problem of a row in one round, without echoes of a cell that is already wrong", async () => {
    const file = await rosterWorkbook([
      row("一轮甲", "不存在的党支部", {
        性别: "未知",
        身份证号: "330106198003150000",
        入党日期: "2099-07-01",
        职务: "",
        是否干部: "是",
      }),
      row("一轮乙", t.branch.name, { 出生日期: "1980/02/30" }),
    ]);
    const res = await upload(t.secretary, "/api/roster/preview", file);
    expect(res.statusCode).toBe(200);
    const cells = res
      .json()
      .issues.map((i: { row: number; column: string }) => `${i.row}:${i.column}`);
    expect(cells).toEqual([
      "2:性别",
      "2:身份证号",
      "2:所在党组织",
      "2:入党日期",
      "2:转正日期",
      "2:职务",
      "3:出生日期",
    ]);
  });

  it("refuses a file with any bad row as a whole, then writes a clean one in one go with its audit", async () => {
    const bad = await rosterWorkbook([
      row("导入甲", t.branch.name),
      row("导入乙", t.branch.name, { 人员类别: "群众" }),
    ]);
    const refused = await upload(t.secretary, "/api/roster/import", bad);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe("roster_invalid");
    expect(await membersNamed("导入")).toBe(0);

    const imports = await auditCount(ctx, "roster.import");
    const good = await rosterWorkbook([row("导入甲", t.branch.name), row("导入乙", t.branch.code)]);
    const done = await upload(t.secretary, "/api/roster/import", good);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ created: 2 });
    expect(await membersNamed("导入")).toBe(2);
    expect(await auditCount(ctx, "roster.import")).toBe(imports + 1);
  });

  it("does not find an org of a sibling subtree, and keeps members and strangers out", async () => {
    const file = await rosterWorkbook([row("越界甲", t.branch.name)]);
    const sibling = await upload(t.siblingSecretary, "/api/roster/preview", file);
    expect(sibling.statusCode).toBe(200);
    expect(sibling.json().issues).toEqual([
      expect.objectContaining({ row: 2, column: "所在党组织" }),
    ]);
    expect((await upload(t.siblingSecretary, "/api/roster/import", file)).statusCode).toBe(400);
    expect((await upload(t.member, "/api/roster/preview", file)).statusCode).toBe(403);
    expect((await upload(anonymous, "/api/roster/preview", file)).statusCode).toBe(401);
    expect(await membersNamed("越界")).toBe(0);
  });

  it("names an unreadable file at the file field", async () => {
    const res = await upload(t.secretary, "/api/roster/preview", Buffer.from("不是表格"));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: "roster_unreadable", field: "file" });
  });

  it("refuses a file name that is not valid percent-encoding with 400, not 500", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/roster/import",
      headers: { ...t.secretary.headers, "content-type": XLSX_MIME, "x-file-name": "%E5%90" },
      payload: Buffer.from("不是表格"),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.field).toBe("file");
  });
});

describe("roster template and export", () => {
  it("serves a template with required marks, an example row and dropdowns, which imports as no rows", async () => {
    const res = await call(app, t.secretary, "GET", "/api/roster/template");
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const header = COLUMNS.map((_, i) => sheet?.getRow(1).getCell(i + 1).text);
    expect(header).toEqual(
      COLUMNS.map((c) => (REQUIRED.includes(c.header as never) ? `${c.header}*` : c.header)),
    );
    expect(sheet?.getRow(2).getCell(1).text).toMatch(/^示例：/);
    const xml = (await JSZip.loadAsync(res.rawPayload)).file("xl/worksheets/sheet1.xml");
    const validations = [...((await xml?.async("string")) ?? "").matchAll(/sqref="([A-Z])2:/g)].map(
      (m) => m[1],
    );
    expect(validations.sort()).toEqual(["B", "C", "H", "K"]);
    const preview = await upload(t.secretary, "/api/roster/preview", res.rawPayload);
    expect(preview.json()).toMatchObject({ rows: 0, issues: [] });
  });

  it("streams the filtered list masked, under a watermark naming the exporter, and audits it", async () => {
    const exports = await auditCount(ctx, "roster.export");
    const res = await call(
      app,
      t.secretary,
      "GET",
      `/api/roster/export?name=${encodeURIComponent("导入")}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain(XLSX_MIME);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0]?.eachRow((r) => {
      rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? "")));
    });
    expect(rows[0]?.[0]).toBe("党员名册");
    expect(rows[1]?.[0]).toMatch(/^导出人：.+（.+）　导出时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(rows[2]).toEqual(COLUMNS.map((c) => c.header));
    expect(
      rows
        .slice(3)
        .map((r) => r[0])
        .sort(),
    ).toEqual(["导入乙", "导入甲"]);
    expect(rows[3]?.[4]).toMatch(/^\d{6}\*{12}$/);
    const sheet = wb.worksheets[0];
    expect(sheet?.pageSetup).toMatchObject({
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
    });
    expect(sheet?.pageSetup.printTitlesRow).toBe("3:3");
    expect(sheet?.getRow(4).getCell(1).border?.left?.style).toBe("thin");
    expect(await auditCount(ctx, "roster.export")).toBe(exports + 1);

    const sibling = await call(
      app,
      t.siblingSecretary,
      "GET",
      `/api/roster/export?name=${encodeURIComponent("导入")}`,
    );
    const other = new ExcelJS.Workbook();
    await other.xlsx.load(sibling.rawPayload as unknown as ArrayBuffer);
    expect(other.worksheets[0]?.rowCount).toBe(3);
  });

  it("exports in full for 报送 only with a reason and members:reveal, audited with the reason", async () => {
    const url = `/api/roster/export-full?name=${encodeURIComponent("导入")}`;
    const reason = "报送县委组织部年度党员统计";
    const before = await auditCount(ctx, "roster.export_full");
    const res = await call(app, t.secretary, "POST", url, { reason });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-disposition"]).toContain("roster-full-");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).text).toBe("党员名册（报送）");
    expect(sheet?.getRow(2).getCell(1).text).toContain(`【报送专用】用途：${reason}`);
    const ids = [4, 5].map((r) => sheet?.getRow(r).getCell(5).text);
    for (const id of ids) expect(id).toMatch(/^\d{17}[\dX]$/);
    expect(sheet?.headerFooter.oddFooter).toContain("报送专用");
    expect(await auditCount(ctx, "roster.export_full")).toBe(before + 1);
    const audit = await ctx.db.query<{ after: { reason: string; rows: number } }>(
      "SELECT after FROM audit_events WHERE action = 'roster.export_full' ORDER BY id DESC LIMIT 1",
    );
    expect(audit.rows[0]?.after).toMatchObject({ reason, rows: 2 });

    const noReason = await call(app, t.secretary, "POST", url, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toMatch(/reason/);
    expect((await call(app, t.propaganda, "POST", url, { reason })).statusCode).toBe(403);
    expect((await call(app, t.member, "POST", url, { reason })).statusCode).toBe(403);
    expect((await call(app, anonymous, "POST", url, { reason })).statusCode).toBe(401);
    const sibling = await call(app, t.siblingSecretary, "POST", url, { reason });
    const other = new ExcelJS.Workbook();
    await other.xlsx.load(sibling.rawPayload as unknown as ArrayBuffer);
    expect(other.worksheets[0]?.rowCount).toBe(3);
    expect(await auditCount(ctx, "roster.export_full")).toBe(before + 2);
  });
});
