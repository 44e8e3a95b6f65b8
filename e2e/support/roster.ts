import ExcelJS from "exceljs";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A 居民身份证号码 with a correct GB 11643 check digit; an odd 17th digit is a man. */
export function idNumber(birth: string, seq: number, male: boolean): string {
  const serial = String(seq * 2 + (male ? 1 : 0))
    .padStart(3, "0")
    .slice(-3);
  const body = `110105${birth.replaceAll("-", "")}${serial}`;
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (WEIGHTS[i] ?? 0), 0);
  return body + "10X98765432"[sum % 11];
}

export interface RosterRow {
  name: string;
  male: boolean;
  birth: string;
  id: string;
  org: string;
}

export function person(
  name: string,
  birthYear: number,
  seq: number,
  male: boolean,
  org: string,
): RosterRow {
  const birth = `${birthYear}-05-1${seq % 10}`;
  return { name, male, birth, id: idNumber(birth, seq, male), org };
}

/** An .xlsx in the template's columns; full members joined at 25 and were confirmed a year later. */
export async function rosterFile(rows: RosterRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("党员名册");
  sheet.addRow([
    "姓名",
    "性别",
    "民族",
    "出生日期",
    "身份证号",
    "手机号",
    "所在党组织",
    "人员类别",
    "入党日期",
    "转正日期",
    "是否干部",
    "职务",
  ]);
  for (const r of rows) {
    const year = Number(r.birth.slice(0, 4));
    sheet.addRow([
      r.name,
      r.male ? "男" : "女",
      "汉族",
      r.birth,
      r.id,
      "13800138000",
      r.org,
      "正式党员",
      `${year + 25}-07-01`,
      `${year + 26}-07-01`,
      "否",
      "",
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function readWorkbook(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: string[][] = [];
  wb.worksheets[0]?.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? "" : String(v))));
  });
  return rows;
}
