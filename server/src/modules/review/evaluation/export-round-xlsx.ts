import type { AuditActor } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { xlsxReport } from "../../../platform/xlsx.ts";
import { auditExport, countedRound, GRADE_TEXT, GRADES, turnoutLine } from "./counted-round.ts";

/**
 * 民主评议结果 as a branch files it: title, 应到/实到 and how many could not vote for want of an
 * account, then per member the ballots, the counts (withheld as on screen), the self-suggested
 * and the final grade. No voter.
 */
export async function exportRoundXlsx(
  db: Queryable,
  actor: Actor,
  audit: AuditActor,
  id: number,
): Promise<{ fileName: string; bytes: Buffer }> {
  const round = await countedRound(db, actor, id);
  const lines = [
    `参评党员${round.subjects}名。${turnoutLine(round)}`,
    `评定等次：${round.decided}名已评定，${round.subjects - round.decided}名未评定。` +
      `得票少于${round.minBallotsForCounts}张的党员只列票数，不公布各等次票数，以免推知他人投票。`,
  ];
  const bytes = await xlsxReport(actor, {
    sheetName: "民主评议结果",
    title: `${round.org.name}${round.year}年度民主评议党员结果`,
    lines,
    landscape: true,
    columns: [
      { header: "序号", width: 6 },
      { header: "姓名", width: 10 },
      { header: "自评等次", width: 10 },
      { header: "得票数", width: 8 },
      { header: "优秀", width: 7 },
      { header: "合格", width: 7 },
      { header: "基本合格", width: 9 },
      { header: "不合格", width: 8 },
      { header: "评定等次", width: 10 },
      { header: "理由", width: 36 },
    ],
    rows: round.members.map((m, i) => {
      const counts = m.tally
        ? GRADES.map((g) => m.tally?.[g] ?? 0)
        : GRADES.map(() => (m.withheld ? "不公布" : null));
      return [
        i + 1,
        m.name,
        m.suggestedGrade ? GRADE_TEXT[m.suggestedGrade] : "未提交",
        m.ballots ?? 0,
        ...counts,
        m.finalGrade ? GRADE_TEXT[m.finalGrade] : "未评定",
        m.finalReason,
      ];
    }),
  });
  await auditExport(db, audit, round, "xlsx");
  return { fileName: `${round.org.name}${round.year}年度民主评议结果.xlsx`, bytes };
}
