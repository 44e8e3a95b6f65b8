import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { xlsxReport } from "../../platform/xlsx.ts";
import { subordinates } from "./subordinates.ts";

const KIND_TEXT = {
  committee: "党委",
  general_branch: "党总支",
  branch: "党支部",
  group: "党小组",
};

/** 下级组织对比 as a sheet for a meeting or a report up: one row per subordinate, as ranked. */
export async function exportSubordinates(
  db: Queryable,
  actor: Actor,
  audit: AuditActor,
  orgId: number,
  year: number,
): Promise<{ fileName: string; bytes: Buffer }> {
  const { view, orgPath } = await subordinates(db, actor, orgId, year);
  const bytes = await xlsxReport(actor, {
    sheetName: "下级组织对比",
    title: `${view.org.name}下级组织落实情况对比（${year}年）`,
    lines: [
      "排序：整改逾期多的在前，其次为本年度未召开组织生活会的党支部多的，再次为考试合格率低的。",
      "考试合格为本年度至少一次考试合格的党员；组织生活会为本年度已召开的组织生活会。",
      // The sheet travels without the page, so it carries the page's 「数据截至」 itself.
      view.foldedAt
        ? `整改两列为导出时的实时数据；其余各列为汇总数据，数据截至 ${view.foldedAt}。`
        : "整改两列为导出时的实时数据；其余各列为汇总数据，尚未完成首次汇总。",
    ],
    landscape: true,
    columns: [
      { header: "序号", width: 6 },
      { header: "组织", width: 28 },
      { header: "类型", width: 8 },
      { header: "党员", width: 8 },
      { header: "考试合格", width: 9 },
      { header: "合格率", width: 8, numFmt: "0.0%" },
      { header: "党支部", width: 8 },
      { header: "未开组织生活会", width: 12 },
      { header: "整改中", width: 8 },
      { header: "整改逾期", width: 9 },
    ],
    rows: view.rows.map((r, i) => [
      i + 1,
      r.name,
      KIND_TEXT[r.kind],
      r.members,
      r.passed,
      r.passRate === null ? "—" : r.passRate / 100,
      r.branches,
      r.branchesWithoutMeeting,
      r.rectificationsOpen,
      r.rectificationsOverdue,
    ]),
  });
  await recordAudit(db, audit, {
    action: "dashboards.subordinates.export",
    entityType: "org",
    entityId: view.org.id,
    orgPath,
    after: { year, rows: view.rows.length },
  });
  return { fileName: `${view.org.name}下级组织对比${year}.xlsx`, bytes };
}
