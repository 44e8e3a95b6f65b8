import ExcelJS from "exceljs";
import { BadInput } from "../../platform/errors.ts";
import type { Text } from "../../platform/i18n.ts";
import { COLUMNS, type ColumnHeader, cellText, MAX_ROWS } from "./roster-columns.ts";

/** One data row as typed, before the org name is resolved and the roster rules are applied. */
export interface RawMember {
  row: number;
  name: string;
  gender: "male" | "female" | null;
  ethnicity: string | null;
  birthDate: string | null;
  idNumber: string | null;
  phone: string | null;
  org: string;
  status: "full" | "probationary" | null;
  joinedOn: string | null;
  confirmedOn: string | null;
  isCadre: boolean;
  position: string | null;
}

export interface CellIssue {
  row: number;
  column: ColumnHeader | null;
  text: Text;
}

const unreadable: Text = {
  "zh-CN": "无法读取该文件，请上传 .xlsx 格式的党员名册（可先下载模板）",
  "en-US": "The file could not be read; upload an .xlsx roster (download the template first)",
};

function plain(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value)
      return value.richText
        .map((r) => r.text)
        .join("")
        .trim();
    if ("result" in value) return plain(value.result as ExcelJS.CellValue);
    if ("text" in value) return String(value.text).trim();
    return "";
  }
  return String(value).trim();
}

/** 1990-01-31, 1990/1/31, 1990.1.31, 19900131 or an Excel date cell, as YYYY-MM-DD. */
export function parseDate(value: ExcelJS.CellValue): string | null | "bad" {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const text = plain(value);
  if (!text) return null;
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(text);
  if (!m) return "bad";
  const iso = `${m[1]}-${(m[2] ?? "").padStart(2, "0")}-${(m[3] ?? "").padStart(2, "0")}`;
  const check = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(check.getTime()) || !check.toISOString().startsWith(iso) ? "bad" : iso;
}

function pick<T extends string>(text: string, table: Record<string, T>): T | null | "bad" {
  if (!text) return null;
  return table[text] ?? "bad";
}

/** The header row: the first of the top rows whose first cell says 姓名 (an export has a watermark line above). */
function headerRow(sheet: ExcelJS.Worksheet): number {
  for (let r = 1; r <= 3; r++) if (plain(sheet.getRow(r).getCell(1).value) === "姓名") return r;
  return 0;
}

/**
 * Reads the first sheet of a roster workbook. Cells that cannot be read (a date in a strange
 * form, 性别 other than 男/女) become issues named by row and column; the roster rules
 * (checksum, dates in order) are the members module's, applied afterwards.
 */
export async function parseRoster(
  buffer: Buffer,
): Promise<{ rows: RawMember[]; issues: CellIssue[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new BadInput("file", unreadable, "roster_unreadable");
  }
  const sheet = workbook.worksheets[0];
  const top = sheet ? headerRow(sheet) : 0;
  if (!sheet || top === 0) throw new BadInput("file", unreadable, "roster_unreadable");
  const headers = (sheet.getRow(top).values as ExcelJS.CellValue[]).map(plain);
  const missing = COLUMNS.filter((c) => !headers.includes(c.header)).map((c) => c.header);
  if (missing.length > 0) {
    throw new BadInput(
      "file",
      {
        "zh-CN": `缺少列：${missing.join("、")}。请使用模板的表头`,
        "en-US": `Missing columns: ${missing.join(", ")}. Use the template's header row`,
      },
      "roster_columns",
    );
  }
  const col = (h: ColumnHeader) => headers.indexOf(h);
  const rows: RawMember[] = [];
  const issues: CellIssue[] = [];
  for (let r = top + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const raw = (h: ColumnHeader) => row.getCell(col(h)).value;
    const text = (h: ColumnHeader) => plain(raw(h));
    if (COLUMNS.every((c) => text(c.header) === "")) continue;
    if (rows.length >= MAX_ROWS) {
      throw new BadInput(
        "file",
        {
          "zh-CN": `一次最多导入 ${MAX_ROWS} 行，请分成几个文件`,
          "en-US": `At most ${MAX_ROWS} rows per import; split the file`,
        },
        "roster_too_large",
      );
    }
    const issue = (column: ColumnHeader, t: Text) => issues.push({ row: r, column, text: t });
    const date = (h: ColumnHeader) => {
      const d = parseDate(raw(h));
      if (d === "bad") issue(h, cellText.date);
      return d === "bad" ? null : d;
    };
    const choice = <T extends string>(h: ColumnHeader, table: Record<string, T>, t: Text) => {
      const v = pick(text(h), table);
      if (v === "bad") issue(h, t);
      return v === "bad" ? null : v;
    };
    const idCell = raw("身份证号");
    if (typeof idCell === "number") issue("身份证号", cellText.idAsNumber);
    for (const h of [
      "姓名",
      "性别",
      "出生日期",
      "身份证号",
      "所在党组织",
      "人员类别",
      "入党日期",
    ] as const) {
      if (text(h) === "") issue(h, cellText.required);
    }
    rows.push({
      row: r,
      name: text("姓名"),
      gender: choice("性别", { 男: "male", 女: "female" }, cellText.gender),
      ethnicity: text("民族") || null,
      birthDate: date("出生日期"),
      idNumber: typeof idCell === "number" ? null : text("身份证号").toUpperCase() || null,
      phone: text("手机号") || null,
      org: text("所在党组织"),
      status: choice("人员类别", { 正式党员: "full", 预备党员: "probationary" }, cellText.status),
      joinedOn: date("入党日期"),
      confirmedOn: date("转正日期"),
      isCadre: choice("是否干部", { 是: "yes", 否: "no" }, cellText.cadre) === "yes",
      position: text("职务") || null,
    });
  }
  return { rows, issues };
}
