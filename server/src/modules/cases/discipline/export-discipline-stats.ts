import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { commonPath, scopePaths } from "../../../platform/scope.ts";
import { xlsxReport } from "../../../platform/xlsx.ts";
import { CASES_HANDLE } from "../cases.policy.ts";
import { disciplineStats } from "./discipline-stats.ts";
import type { Shown } from "./small-counts.ts";

/** A published count as the sheet writes it: withheld totals say so instead of a blank. */
const cell = (v: Shown | undefined) => (v === null ? "不公布" : (v ?? 0));

/**
 * The statistics page as a sheet a 纪委 files: one row per handling org, then one per article,
 * with the same floor as the page (the numbers come from the same function). Audited, as the
 * sheet leaves the system.
 */
export async function exportDisciplineStats(
  db: Queryable,
  actor: Actor,
  audit: AuditActor,
  q: { from?: string; to?: string },
) {
  const stats = await disciplineStats(db, actor, q, "zh-CN");
  const period = q.from || q.to ? `${q.from ?? "最早"} 至 ${q.to ?? "今"}` : "全部";
  const bytes = await xlsxReport(actor, {
    sheetName: "纪律审查统计",
    title: "纪律审查情况统计",
    lines: [
      `立案时间：${period}。按办理组织统计立案及办理情况，按《规定》条款统计引用和适用情况。`,
      `少于${stats.floor}件的数量记为「<${stats.floor}」；可据以推算出这类数量的合计记为「不公布」。`,
    ],
    landscape: true,
    columns: [
      { header: "统计口径", width: 8 },
      { header: "组织／条款", width: 22 },
      { header: "立案", width: 6 },
      { header: "审查中", width: 6 },
      { header: "已作出决定", width: 11 },
      { header: "撤销", width: 6 },
      { header: "立案引用", width: 7 },
      { header: "决定适用", width: 7 },
      // Wide enough for the label on one line: a CJK character takes about two units.
      ...stats.measures.map((m) => ({
        header: m.label,
        width: Math.max(7, m.label.length * 2 + 1),
      })),
    ],
    rows: [
      ...stats.byOrg.map((o) => [
        "按组织",
        o.orgName,
        cell(o.opened),
        cell(o.inProgress),
        cell(o.decided),
        cell(o.dismissed),
        "",
        "",
        ...stats.measures.map((m) => cell(o.measures[m.code])),
      ]),
      ...stats.byArticle.map((a) => [
        "按条款",
        a.label,
        "",
        "",
        "",
        "",
        cell(a.cited),
        cell(a.applied),
        ...stats.measures.map((m) => cell(a.measures[m.code])),
      ]),
    ],
  });
  await recordAudit(db, audit, {
    action: "discipline.stats.export",
    entityType: "org",
    entityId: null,
    orgPath: commonPath(scopePaths(actor, CASES_HANDLE)),
    after: { from: q.from ?? null, to: q.to ?? null },
  });
  return { fileName: "纪律审查情况统计.xlsx", bytes };
}
