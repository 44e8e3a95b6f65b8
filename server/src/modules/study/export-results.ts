import ExcelJS from "exceljs";
import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { chinaTime, watermark } from "../roster/export-roster.ts";
import { campaignResults } from "./campaign-results.ts";

const STATUS_TEXT = {
  not_started: "未开始",
  in_progress: "进行中",
  passed: "已通过",
  failed: "未通过",
};
const HEADERS = ["姓名", "所在党组织", "状态", "考试次数", "最高分", "最近交卷时间"];

/** A campaign's results as .xlsx with the exporter's watermark line; the export is audited. */
export async function exportResults(
  db: Queryable,
  actor: Actor,
  audit: AuditActor,
  id: number,
  now = new Date(),
) {
  const results = await campaignResults(db, actor, id);
  await recordAudit(db, audit, {
    action: "study.results.export",
    entityType: "study_campaign",
    entityId: id,
    orgPath: results.orgPath,
    after: { rows: results.items.length },
  });
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("考试成绩", { views: [{ state: "frozen", ySplit: 3 }] });
  const mark = sheet.addRow([watermark(actor, now)]);
  mark.font = { italic: true, color: { argb: "FF999999" } };
  sheet.mergeCells(1, 1, 1, HEADERS.length);
  sheet.addRow([
    `${results.title}　参加 ${results.totals.members - results.totals.notStarted} / ${results.totals.members} 人，通过 ${results.totals.passed} 人`,
  ]);
  sheet.addRow(HEADERS).font = { bold: true };
  for (const r of results.items) {
    sheet.addRow([
      r.name,
      r.orgName,
      STATUS_TEXT[r.status],
      r.attempts,
      r.bestScore,
      r.submittedAt ? chinaTime(new Date(r.submittedAt)) : null,
    ]);
  }
  sheet.getColumn(2).width = 28;
  sheet.getColumn(6).width = 18;
  return { title: results.title, file: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
