import { BadInput } from "../../platform/errors.ts";
import type { Text } from "../../platform/i18n.ts";
import {
  type CellValue,
  readFirstSheet,
  type SheetRow,
} from "../../platform/xlsx-read/workbook.ts";
import {
  COLUMNS,
  type ColumnHeader,
  cellText,
  MAX_ROWS,
  REQUIRED,
  SAMPLE_PREFIX,
} from "./roster-columns.ts";

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
  /** The members rule that found it, when one did. */
  code?: string;
}

const unreadable: Text = {
  "zh-CN": "无法读取该文件，请上传 .xlsx 格式的党员名册（可先下载模板）",
  "en-US": "The file could not be read; upload an .xlsx roster (download the template first)",
};

function plain(value: CellValue): string {
  if (value === null) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

/** 1990-01-31, 1990/1/31, 1990.1.31, 19900131 or an Excel date cell, as YYYY-MM-DD. */
export function parseDate(value: CellValue): string | null | "bad" {
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

/**
 * Reads the first sheet of a roster workbook as a stream: rows are turned into RawMembers as
 * the zip is inflated, so a 100,000-row file never sits in memory as a cell model. Cells that
 * cannot be read (a date in a strange form, 性别 other than 男/女) become issues named by row and
 * column; the roster rules (checksum, dates in order) are the members module's, applied
 * afterwards. `onRows` receives the rows in batches as they are read, each with the cell
 * issues of its own rows, and the reading waits for it; the result then holds neither.
 */
export async function parseRoster(
  buffer: Buffer,
  onRows?: (rows: RawMember[], issues: CellIssue[]) => void | Promise<void>,
  maxRows = MAX_ROWS,
): Promise<{ rows: RawMember[]; issues: CellIssue[]; count: number }> {
  const rows: RawMember[] = [];
  const issues: CellIssue[] = [];
  let count = 0;
  let headers: string[] | null = null;
  // Only the reading's own failures mean an unreadable file: what `onRows` throws (a
  // database error, a refused write) reaches the caller as it is.
  const sheet = readFirstSheet(buffer)[Symbol.asyncIterator]();
  const next = () =>
    sheet.next().catch((error: unknown) => {
      throw error instanceof BadInput
        ? error
        : new BadInput("file", unreadable, "roster_unreadable");
    });
  try {
    for (let step = await next(); !step.done; step = await next()) {
      const row = step.value;
      if (headers === null) {
        if (row.number > 3) break;
        if (headerText(row.values[1] ?? null) === "姓名")
          headers = checkHeaders(row.values.map(headerText));
        continue;
      }
      const member = readRow(row, headers, issues);
      if (!member) continue;
      count += 1;
      if (count > maxRows) throw tooLarge(maxRows);
      rows.push(member);
      if (onRows && rows.length >= BATCH) await onRows(rows.splice(0), issues.splice(0));
    }
  } finally {
    await sheet.return?.(undefined);
  }
  if (headers === null) throw new BadInput("file", unreadable, "roster_unreadable");
  if (onRows && (rows.length > 0 || issues.length > 0))
    await onRows(rows.splice(0), issues.splice(0));
  return { rows, issues, count };
}

/** Rows handed on at a time while reading, so the reader never holds the whole sheet. */
const BATCH = 2_000;

function tooLarge(max: number) {
  return new BadInput(
    "file",
    {
      "zh-CN": `名册超过 ${max} 行：一次最多导入 ${max} 行，请按党组织分成几个文件后分别导入`,
      "en-US": `The roster has more than ${max} rows, the most one import takes; split it by organization`,
    },
    "roster_too_large",
  );
}

/** A header as typed, without the template's required mark (姓名* is 姓名). */
function headerText(value: CellValue): string {
  return plain(value)
    .replace(/[*＊]+$/, "")
    .trim();
}

function checkHeaders(headers: string[]): string[] {
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
  return headers;
}

/** One data row, its unreadable cells added to `issues`; null for an empty row. */
function readRow(row: SheetRow, headers: string[], issues: CellIssue[]): RawMember | null {
  const r = row.number;
  const raw = (h: ColumnHeader) => row.values[headers.indexOf(h)] ?? null;
  const text = (h: ColumnHeader) => plain(raw(h));
  if (COLUMNS.every((c) => text(c.header) === "")) return null;
  if (text("姓名").startsWith(SAMPLE_PREFIX)) return null;
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
  for (const h of REQUIRED) if (text(h) === "") issue(h, cellText.required);
  return {
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
  };
}
