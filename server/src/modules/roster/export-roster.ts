import { PassThrough, type Readable } from "node:stream";
import type ExcelJS from "exceljs";
import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { FieldCipher } from "../../platform/crypto.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { exportedPath } from "../../platform/scope.ts";
import { loadExcelJS, watermark } from "../../platform/xlsx.ts";
import { listMembers } from "../members/list-members.ts";
import { idBirthDate } from "../members/member-rules.ts";
import { authorize } from "../members/members.policy.ts";
import { sealedFieldsOf } from "../members/members.repo.ts";
import type { Member } from "../members/members.schemas.ts";
import { lookupOrg } from "../orgs/lookup-org.ts";
import type { ExportQuery } from "./roster.schemas.ts";
import { COLUMNS, GENDER_TEXT, STATUS_TEXT } from "./roster-columns.ts";

const PAGE = 100;

function cells(m: Member, clear?: { idNumber: string; phone: string | null }): (string | null)[] {
  return [
    m.name,
    GENDER_TEXT[m.gender],
    m.ethnicity,
    // As on the screen: the date for whoever keeps the record, the year for everyone else,
    // and the ID number masked to its region, so an ordinary export carries no more than the
    // list showed; a full export for 报送 shows what the ID number says in clear.
    m.birthDate ?? (clear ? idBirthDate(clear.idNumber) : String(m.birthYear)),
    clear ? clear.idNumber : m.idNumberMasked,
    clear ? clear.phone : m.phoneMasked,
    m.org.name,
    STATUS_TEXT[m.status],
    m.joinedOn,
    m.confirmedOn,
    m.isCadre ? "是" : "否",
    m.position,
  ];
}

/** Thin borders on every table cell, as a printed 名册 has. */
const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

/** A full export for 报送: clear ID numbers and phones, with the reason it was taken. */
export interface FullExport {
  reason: string;
  cipher: FieldCipher;
}

/**
 * Streams every member the filters select as .xlsx, a page of rows at a time, so a county's
 * roster never sits in memory whole. It prints as a 名册 does: a title, the exporter's
 * watermark line, a bordered table whose header repeats on every page, landscape A4 fitted to
 * the page width, and page numbers. The export itself is audited (with its filters, row count
 * and, for a full export, the reason) before the first byte is sent.
 *
 * A full export (`full`) needs members:reveal and shows the clear ID number and phone of each
 * member in the caller's reveal scope (others stay masked); it says 报送专用 and its reason on
 * every page.
 */
export async function exportRoster(
  db: Queryable,
  actor: Actor,
  audit: AuditActor,
  query: ExportQuery,
  now = new Date(),
  full: FullExport | null = null,
): Promise<Readable> {
  if (full) authorize(actor, "reveal");
  const first = await listMembers(db, actor, { ...query, page: 1, pageSize: PAGE });
  await recordAudit(db, audit, {
    action: full ? "roster.export_full" : "roster.export",
    entityType: "roster",
    // What was exported, so the auditor of every level above it sees the row.
    orgPath: exportedPath(
      actor,
      "members:read",
      query.orgId === undefined ? null : (await lookupOrg(db, { id: query.orgId }))?.path,
    ),
    after: { filters: query, rows: first.total, ...(full ? { reason: full.reason } : {}) },
  });
  const mark = full
    ? `${watermark(actor, now)}　【报送专用】用途：${full.reason}`
    : watermark(actor, now);
  const out = new PassThrough();
  const workbook = new (await loadExcelJS()).stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet("党员名册", {
    views: [{ state: "frozen", ySplit: 3 }],
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "3:3",
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddHeader: full ? "&L&8报送专用&R&8党员名册" : "&R&8党员名册",
      oddFooter: `&L&8${footerText(mark)}&R&8第 &P 页，共 &N 页`,
    },
  });
  sheet.columns = COLUMNS.map((c) => ({ key: c.field, width: c.width }));
  const title = sheet.addRow([full ? "党员名册（报送）" : "党员名册"]);
  title.font = { bold: true, size: 16 };
  title.height = 28;
  title.alignment = { horizontal: "center", vertical: "middle" };
  sheet.mergeCells(1, 1, 1, COLUMNS.length);
  title.commit();
  const markRow = sheet.addRow([mark]);
  markRow.font = { italic: true, size: 9, color: { argb: "FF999999" } };
  markRow.alignment = { wrapText: true, vertical: "middle" };
  markRow.height = 30;
  sheet.mergeCells(2, 1, 2, COLUMNS.length);
  markRow.commit();
  const header = sheet.addRow(COLUMNS.map((c) => c.header));
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.border = BORDER;
    cell.alignment = { horizontal: "center", vertical: "middle" };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFEFEF" } };
  });
  header.commit();
  const reveal = full ? await revealer(db, actor, full.cipher) : null;
  const write = async () => {
    let page = first;
    for (;;) {
      const clear = reveal ? await reveal(page.items) : null;
      for (const m of page.items) {
        const row = sheet.addRow(cells(m, clear?.get(m.id)));
        row.eachCell({ includeEmpty: true }, (cell) => {
          cell.border = BORDER;
        });
        row.commit();
      }
      if (!page.hasMore || page.nextCursor === null) break;
      // By cursor: the ten-thousandth page of a province costs what the first does.
      page = await listMembers(db, actor, {
        ...query,
        page: 1,
        pageSize: PAGE,
        after: page.nextCursor,
      });
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: Error) => out.destroy(error));
  return out;
}

/** The watermark for a page footer: Excel's header/footer codes start with &, so it is doubled. */
function footerText(mark: string): string {
  return mark.replaceAll("&", "&&").slice(0, 200);
}

/** Clear ID numbers and phones of the members in the caller's reveal scope, page by page. */
async function revealer(db: Queryable, actor: Actor, cipher: FieldCipher) {
  return async (members: Member[]) => {
    const sealed = await sealedFieldsOf(
      db,
      actor,
      members.map((m) => m.id),
    );
    const clear = new Map<number, { idNumber: string; phone: string | null }>();
    for (const [id, s] of sealed)
      clear.set(id, {
        idNumber: cipher.decrypt(s.idNumber),
        phone: s.phone ? cipher.decrypt(s.phone) : null,
      });
    return clear;
  };
}
