import ExcelJS from "exceljs";
import type { Actor } from "../../platform/auth/actor.ts";
import { watermark } from "../roster/export-roster.ts";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * A one-sheet workbook in the roster export's shape: the first line names who exported it
 * and when, then a bold header, then the rows. Review tables are one org's size, so the
 * workbook is built in memory rather than streamed.
 */
export async function xlsxTable(
  actor: Actor,
  sheetName: string,
  columns: { header: string; width: number }[],
  rows: (string | number | null)[][],
  now = new Date(),
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 2 }] });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  const mark = sheet.addRow([watermark(actor, now)]);
  mark.font = { italic: true, color: { argb: "FF999999" } };
  sheet.mergeCells(1, 1, 1, columns.length);
  sheet.addRow(columns.map((c) => c.header)).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
