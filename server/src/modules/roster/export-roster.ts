import { PassThrough, type Readable } from "node:stream";
import ExcelJS from "exceljs";
import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { scopePaths } from "../../platform/scope.ts";
import { watermark } from "../../platform/xlsx.ts";
import { listMembers } from "../members/list-members.ts";
import type { Member } from "../members/members.schemas.ts";
import type { ExportQuery } from "./roster.schemas.ts";
import { COLUMNS, GENDER_TEXT, STATUS_TEXT } from "./roster-columns.ts";

const PAGE = 100;

function cells(m: Member): (string | null)[] {
  return [
    m.name,
    GENDER_TEXT[m.gender],
    m.ethnicity,
    m.birthDate,
    // Masked as in the list: an export carries no more than the screen showed.
    m.idNumberMasked,
    m.phoneMasked,
    m.org.name,
    STATUS_TEXT[m.status],
    m.joinedOn,
    m.confirmedOn,
    m.isCadre ? "是" : "否",
    m.position,
  ];
}

/**
 * Streams every member the filters select as .xlsx, a page of rows at a time, so a county's
 * roster never sits in memory whole. The first line names who exported it and when; the
 * export itself is audited (with its filters and row count) before the first byte is sent.
 */
export async function exportRoster(
  db: Queryable,
  actor: Actor,
  audit: AuditActor,
  query: ExportQuery,
  now = new Date(),
): Promise<Readable> {
  const first = await listMembers(db, actor, { ...query, page: 1, pageSize: PAGE });
  await recordAudit(db, audit, {
    action: "roster.export",
    entityType: "roster",
    orgPath: scopePaths(actor, "members:read")[0] ?? null,
    after: { filters: query, rows: first.total },
  });
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet("党员名册", { views: [{ state: "frozen", ySplit: 2 }] });
  sheet.columns = COLUMNS.map((c) => ({ key: c.field, width: c.width }));
  const mark = sheet.addRow([watermark(actor, now)]);
  mark.font = { italic: true, color: { argb: "FF999999" } };
  sheet.mergeCells(1, 1, 1, COLUMNS.length);
  mark.commit();
  const header = sheet.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  header.commit();

  const write = async () => {
    let page = first;
    for (let n = 1; ; n++) {
      for (const m of page.items) sheet.addRow(cells(m)).commit();
      if (n * PAGE >= page.total || page.items.length < PAGE) break;
      page = await listMembers(db, actor, { ...query, page: n + 1, pageSize: PAGE });
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: Error) => out.destroy(error));
  return out;
}
