import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { xlsxTable } from "../../platform/xlsx.ts";
import { getRound } from "./get-round.ts";
import { roundNotFound } from "./review.policy.ts";
import { requireRound } from "./round-access.ts";
import { requireClosedRound } from "./round-state.ts";

export const GRADE_TEXT = {
  excellent: "优秀",
  competent: "合格",
  basically_competent: "基本合格",
  incompetent: "不合格",
} as const;

/** 民主评议结果: per member the counts, the self-suggested and the final grade. No voter. */
export async function exportRoundXlsx(
  db: Queryable,
  actor: Actor,
  audit: AuditActor,
  id: number,
): Promise<{ fileName: string; bytes: Buffer }> {
  // Results are the organization's: a member evaluated in the round may not export them.
  const { oversee } = await requireRound(db, actor, id, async () => false);
  if (!oversee) throw roundNotFound();
  const round = await getRound(db, actor, id);
  requireClosedRound(round);
  const bytes = await xlsxTable(
    actor,
    "民主评议结果",
    [
      { header: "姓名", width: 12 },
      { header: "自评等次", width: 10 },
      { header: "优秀票", width: 8 },
      { header: "合格票", width: 8 },
      { header: "基本合格票", width: 10 },
      { header: "不合格票", width: 9 },
      { header: "评定等次", width: 10 },
      { header: "理由", width: 40 },
    ],
    round.members.map((m) => [
      m.name,
      m.suggestedGrade ? GRADE_TEXT[m.suggestedGrade] : null,
      m.tally?.excellent ?? 0,
      m.tally?.competent ?? 0,
      m.tally?.basically_competent ?? 0,
      m.tally?.incompetent ?? 0,
      m.finalGrade ? GRADE_TEXT[m.finalGrade] : "未评定",
      m.finalReason,
    ]),
  );
  await recordAudit(db, audit, {
    action: "evaluation.export",
    entityType: "evaluation_round",
    entityId: id,
  });
  return { fileName: `${round.org.name}${round.year}年度民主评议结果.xlsx`, bytes };
}
