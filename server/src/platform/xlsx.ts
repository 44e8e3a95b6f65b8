import type ExcelJS from "exceljs";
import type { Actor } from "./auth/actor.ts";

let exceljs: Promise<typeof ExcelJS> | null = null;

/**
 * ExcelJS, loaded on the first workbook this process reads or writes: ~27 MB resident that a
 * server which never exports or imports a sheet should not carry from start (issue 10).
 */
export function loadExcelJS(): Promise<typeof ExcelJS> {
  exceljs ??= import("exceljs").then((m) => m.default);
  return exceljs;
}

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** "2025-03-01 14:05", China time, for watermarks and exported timestamps. */
export function chinaTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}

/** The first line of every export: who took the data out, when, and what it may be used for. */
export function watermark(actor: Actor, at: Date): string {
  return `导出人：${actor.displayName}（${actor.username}）　导出时间：${chinaTime(at)}（北京时间）　本表含个人信息，仅限党务工作使用，不得外传`;
}

/**
 * A one-sheet workbook in the exports' common shape: the watermark line, an optional caption
 * line, a bold header, then the rows. For tables of one org's or one campaign's size, built in
 * memory; the province-sized roster export streams instead (roster/export-roster.ts).
 */
export async function xlsxTable(
  actor: Actor,
  sheetName: string,
  columns: { header: string; width?: number }[],
  rows: (string | number | null)[][],
  options: { caption?: string; now?: Date } = {},
): Promise<Buffer> {
  const workbook = new (await loadExcelJS()).Workbook();
  const headerRow = options.caption === undefined ? 2 : 3;
  const sheet = workbook.addWorksheet(sheetName, {
    views: [{ state: "frozen", ySplit: headerRow }],
  });
  sheet.columns = columns.map((c) => (c.width === undefined ? {} : { width: c.width }));
  const mark = sheet.addRow([watermark(actor, options.now ?? new Date())]);
  mark.font = { italic: true, color: { argb: "FF999999" } };
  sheet.mergeCells(1, 1, 1, columns.length);
  if (options.caption !== undefined) sheet.addRow([options.caption]);
  sheet.addRow(columns.map((c) => c.header)).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The printed tables' typeface. Without one, cells take the workbook default (Calibri), whose
 * Chinese falls back to whatever the reader's machine has: LibreOffice then sets digits and
 * characters in two unrelated fonts. 宋体 is on every Chinese Windows and WPS; elsewhere the
 * office suite substitutes its own Song/serif CJK face.
 */
const SONG = "宋体";

/**
 * A table meant to be printed and filed: a title, the watermark, lines such as 应到/实到 under
 * it, then a bordered table with wrapped text and its header repeated on every page, laid out
 * to fit one page's width (A4, landscape when wide).
 */
export async function xlsxReport(
  actor: Actor,
  report: {
    sheetName: string;
    title: string;
    lines?: string[];
    /** `numFmt` (such as "0%") formats the column's numbers and centres the whole column. */
    columns: { header: string; width: number; numFmt?: string }[];
    rows: (string | number | null)[][];
    landscape?: boolean;
    now?: Date;
  },
): Promise<Buffer> {
  const workbook = new (await loadExcelJS()).Workbook();
  const n = report.columns.length;
  const lines = report.lines ?? [];
  const headerRow = 3 + lines.length;
  const sheet = workbook.addWorksheet(report.sheetName, {
    views: [{ state: "frozen", ySplit: headerRow }],
    pageSetup: {
      paperSize: 9,
      orientation: report.landscape ? "landscape" : "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${headerRow}:${headerRow}`,
    },
    headerFooter: { oddFooter: "第 &P 页，共 &N 页" },
  });
  sheet.columns = report.columns.map((c) => ({ width: c.width }));
  const merged = (text: string, font: Partial<ExcelJS.Font>, height?: number) => {
    const row = sheet.addRow([text]);
    sheet.mergeCells(row.number, 1, row.number, n);
    row.font = font;
    row.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    if (height) row.height = height;
    return row;
  };
  merged(report.title, { bold: true, size: 16, name: SONG }, 30);
  // Not italic: Chinese has no italic face, and a slanted fallback reads as a different font.
  merged(watermark(actor, report.now ?? new Date()), {
    name: SONG,
    size: 9,
    color: { argb: "FF808080" },
  });
  for (const line of lines) {
    merged(line, { name: SONG, size: 11 }).alignment = { horizontal: "left", wrapText: true };
  }
  const thin = { style: "thin" as const, color: { argb: "FF000000" } };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  const header = sheet.addRow(report.columns.map((c) => c.header));
  header.font = { name: SONG, bold: true, size: 11 };
  header.height = rowHeight(
    report.columns.map((c) => c.header),
    report.columns,
  );
  header.eachCell((cell) => {
    cell.border = border;
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
  });
  for (const values of report.rows) {
    const row = sheet.addRow(values);
    row.font = { name: SONG, size: 11 };
    for (let c = 1; c <= n; c++) {
      const cell = row.getCell(c);
      const numFmt = report.columns[c - 1]?.numFmt;
      cell.border = border;
      if (numFmt && typeof values[c - 1] === "number") cell.numFmt = numFmt;
      cell.alignment =
        typeof values[c - 1] === "number" || numFmt
          ? { vertical: "top", horizontal: "center" }
          : { vertical: "top", wrapText: true };
    }
    row.height = rowHeight(values, report.columns);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * LibreOffice keeps the default height of a row whose text wraps, hiding all but its first
 * line; a height from the longest cell's line count shows every line in Excel and WPS too.
 */
function rowHeight(values: (string | number | null)[], columns: { width: number }[]): number {
  const lines = Math.max(
    1,
    ...values.map((v, i) => linesIn(String(v ?? ""), columns[i]?.width ?? 10)),
  );
  return lines * 14.5 + 3;
}

/** Lines a text takes in a column `width` characters wide, a Chinese character counting two. */
function linesIn(text: string, width: number): number {
  const room = Math.max(1, width - 1);
  return text.split("\n").reduce((sum, line) => {
    const units = [...line].reduce((u, ch) => u + ((ch.codePointAt(0) ?? 0) < 0x100 ? 1 : 2), 0);
    return sum + Math.max(1, Math.ceil(units / room));
  }, 0);
}
