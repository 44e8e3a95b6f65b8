import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { XLSX_MIME } from "../../platform/xlsx.ts";
import type { Caller } from "../orgs/orgs.fixtures.ts";
import { COLUMNS } from "./roster-columns.ts";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** ID numbers with valid check digits, each unique within one test file's run. */
export function idMaker(start: number) {
  let serial = start;
  return (birth: string, gender: "男" | "女" = "男"): string => {
    serial += 1;
    const seq = (serial * 2 + (gender === "男" ? 1 : 0)) % 1000;
    const body = `330106${birth.replaceAll("-", "")}${String(seq).padStart(3, "0")}`;
    const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (WEIGHTS[i] ?? 0), 0);
    return body + "10X98765432"[sum % 11];
  };
}

/** A roster row as typed in the template, with the given cells changed. */
export function rosterRow(
  id: (birth: string) => string,
  name: string,
  org: string,
  overrides: Partial<Record<string, string>> = {},
): string[] {
  const cells: Record<string, string> = {
    姓名: name,
    性别: "男",
    民族: "汉族",
    出生日期: "1980-03-15",
    身份证号: id("1980-03-15"),
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

export async function rosterWorkbook(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("党员名册");
  sheet.addRow(COLUMNS.map((c) => c.header));
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Posts a roster file to a roster route as `who`, asking for zh-CN messages. */
export function uploadRoster(app: FastifyInstance, who: Caller, url: string, file: Buffer) {
  return app.inject({
    method: "POST",
    url,
    headers: { ...who.headers, "content-type": XLSX_MIME, "accept-language": "zh-CN" },
    payload: file,
  });
}
