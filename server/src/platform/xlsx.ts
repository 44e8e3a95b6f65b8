import ExcelJS from "exceljs";
import type { Actor } from "./auth/actor.ts";

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
  const workbook = new ExcelJS.Workbook();
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
