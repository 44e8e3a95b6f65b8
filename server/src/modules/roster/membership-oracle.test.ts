/**
 * Plays the branch secretary who tests whether a stranger is a Party member: they put the
 * stranger's ID number into a roster preview, a new member form or an edit. Inside their own
 * scope the answer is "duplicate"; outside it the answer names nothing (not "on the roll"),
 * and every such answer leaves an audit row counting the numbers found.
 */
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.ts";
import type { AppContext } from "../../platform/context.ts";
import { XLSX_MIME } from "../../platform/xlsx.ts";
import { memberInput } from "../members/members.fixtures.ts";
import { type Caller, call, countyTree } from "../orgs/orgs.fixtures.ts";
import { COLUMNS } from "./roster-columns.ts";

let app: FastifyInstance;
let ctx: AppContext;
let t: Awaited<ReturnType<typeof countyTree>>;
let strangerId: string;
let ownId: string;

beforeAll(async () => {
  ({ app, ctx } = await testApp());
  t = await countyTree(ctx, "查询");
  const stranger = memberInput(t.branch.id, { name: "周海燕", gender: "female" });
  strangerId = stranger.idNumber;
  expect((await call(app, t.secretary, "POST", "/api/members", stranger)).statusCode).toBe(201);
  const own = memberInput(t.otherBranch.id, { name: "吴卫东" });
  ownId = own.idNumber;
  expect((await call(app, t.siblingSecretary, "POST", "/api/members", own)).statusCode).toBe(201);
});

async function roster(idNumber: string, birthDate: string, gender: string): Promise<Buffer> {
  const cells: Record<string, string> = {
    姓名: "郑志强",
    性别: gender,
    民族: "汉族",
    出生日期: birthDate,
    身份证号: idNumber,
    手机号: "13900139001",
    所在党组织: t.otherBranch.code,
    人员类别: "正式党员",
    入党日期: "2005-07-01",
    转正日期: "2006-07-01",
    是否干部: "否",
    职务: "",
  };
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("党员名册");
  sheet.addRow(COLUMNS.map((c) => c.header));
  sheet.addRow(COLUMNS.map((c) => cells[c.header] ?? ""));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function preview(who: Caller, file: Buffer) {
  return app.inject({
    method: "POST",
    url: "/api/roster/preview",
    headers: { ...who.headers, "content-type": XLSX_MIME, "accept-language": "zh-CN" },
    payload: file,
  });
}

async function checks() {
  const r = await ctx.db.query<{ after: Record<string, unknown> }>(
    "SELECT after FROM audit_events WHERE action = 'member.id_number_check' ORDER BY id",
  );
  return r.rows.map((x) => x.after);
}

describe("ID numbers as a membership oracle", () => {
  it("a preview says nothing about a number registered outside the caller's scope, and is audited", async () => {
    const before = (await checks()).length;
    const res = await preview(t.siblingSecretary, await roster(strangerId, "1978-03-15", "女"));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain("已登记");
    expect(res.body).not.toContain("重复");
    expect(res.json().issues).toEqual([
      expect.objectContaining({ column: "身份证号", message: expect.stringContaining("转接") }),
    ]);
    expect((await checks()).slice(before)).toEqual([
      expect.objectContaining({ via: "roster.preview", checked: 1, inScope: 0, elsewhere: 1 }),
    ]);
  });

  it("a preview still tells the caller about a duplicate inside their own scope", async () => {
    const res = await preview(t.siblingSecretary, await roster(ownId, "1978-03-15", "男"));
    expect(res.json().issues[0].message).toContain("已登记");
    expect((await checks()).at(-1)).toMatchObject({ inScope: 1, elsewhere: 0 });
  });

  it("the member form refuses such a number without saying it is on the roll, and audits it", async () => {
    const before = (await checks()).length;
    const body = memberInput(t.otherBranch.id, {
      name: "郑志强",
      gender: "female",
      idNumber: strangerId,
    });
    const res = await call(app, t.siblingSecretary, "POST", "/api/members", body);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: "id_number_elsewhere", field: "idNumber" });
    expect(res.body).not.toContain("已登记");
    expect((await checks()).slice(before)).toEqual([
      expect.objectContaining({ via: "member.create", elsewhere: 1 }),
    ]);
  });

  it("an edit to such a number is refused the same way, and audited", async () => {
    const before = (await checks()).length;
    const own = await ctx.db.query<{ id: number }>("SELECT id FROM members WHERE name = '吴卫东'");
    const res = await call(app, t.siblingSecretary, "PATCH", `/api/members/${own.rows[0]?.id}`, {
      idNumber: strangerId,
      gender: "female",
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("id_number_elsewhere");
    expect((await checks()).slice(before)).toEqual([
      expect.objectContaining({ via: "member.update", elsewhere: 1 }),
    ]);
  });
});
