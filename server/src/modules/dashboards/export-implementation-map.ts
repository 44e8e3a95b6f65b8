import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { xlsxReport } from "../../platform/xlsx.ts";
import type { ArticleLine } from "./dashboards.schemas.ts";
import { implementationMap } from "./implementation-map.ts";

export const FLAG_TEXT = {
  studied_not_checked: "学而未查",
  checked_not_studied: "查而未学",
} as const;

/** A share, formatted as a percentage by the column; "—" where nothing was answered. */
const rate = (a: { answered: number; correct: number }) =>
  a.answered === 0 ? "—" : a.correct / a.answered;

/** The kinds of provision the article holds, only those it has: "义务2、禁止1". */
function provisionKinds(p: ArticleLine["provisions"]): string {
  const kinds: [string, number][] = [
    ["义务", p.obligation],
    ["禁止", p.prohibition],
    ["倡导", p.encouragement],
    ["允许", p.permission],
  ];
  return kinds
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${name}${n}`)
    .join("、");
}

/** The article's rectifications: the count, and how they stand when there are any. */
function rectifications(r: ArticleLine["rectification"]): string | number {
  if (r.total === 0) return 0;
  return `${r.total}（整改中${r.open}，逾期${r.overdue}，待销号${r.awaitingClose}，已销号${r.closed}）`;
}

function row(l: ArticleLine, withReports: boolean): (string | number)[] {
  return [
    l.label,
    l.chapter ?? "",
    provisionKinds(l.provisions),
    l.study.answered,
    rate(l.study),
    l.practice.answered,
    rate(l.practice),
    l.selfReview.items,
    l.selfReview.gaps,
    rectifications(l.rectification),
    ...(withReports ? [l.reports ?? 0] : []),
    l.flag ? FLAG_TEXT[l.flag] : "",
  ];
}

/** 落实情况 as a sheet a committee files or takes to a meeting: one row per article. */
export async function exportImplementationMap(
  db: Queryable,
  actor: Actor,
  audit: AuditActor,
  orgId: number,
): Promise<{ fileName: string; bytes: Buffer }> {
  const { map, orgPath } = await implementationMap(db, actor, orgId);
  const s = map.summary;
  const bytes = await xlsxReport(actor, {
    sheetName: "落实情况",
    title: `${map.org.name}《中国共产党党员网络行为规定》落实情况`,
    lines: [
      `共${s.articles}条：已学习${s.studied}条，已对照检查${s.checked}条；` +
        `学而未查${s.studiedNotChecked}条，查而未学${s.checkedNotStudied}条。`,
      "学习为已交卷考试和每日一练中引用该条的题目作答次数；对照检查为已提交的对照检查材料中依该条列出的条目。",
    ],
    landscape: true,
    columns: [
      { header: "条款", width: 9 },
      { header: "章", width: 21 },
      { header: "规范类型", width: 13 },
      { header: "考试作答", width: 8 },
      { header: "正确率", width: 7, numFmt: "0%" },
      { header: "每日一练", width: 8 },
      { header: "正确率", width: 7, numFmt: "0%" },
      { header: "对照检查条目", width: 10 },
      { header: "查摆差距", width: 8 },
      { header: "整改事项", width: 20 },
      ...(map.includesReports ? [{ header: "举报件数", width: 7 }] : []),
      { header: "提示", width: 9 },
    ],
    rows: map.articles.map((l) => row(l, map.includesReports)),
  });
  await recordAudit(db, audit, {
    action: "dashboards.implementation_map.export",
    entityType: "org",
    entityId: map.org.id,
    orgPath,
    after: { articles: s.articles },
  });
  return { fileName: `${map.org.name}网络行为规定落实情况.xlsx`, bytes };
}
