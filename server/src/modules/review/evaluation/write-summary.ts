import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import type { Grade } from "../review.schemas.ts";
import { writeSummary as saveSummary } from "./evaluation.repo.ts";
import type { RoundDetail } from "./evaluation.schemas.ts";
import { getRound } from "./get-round.ts";
import { requireOwnRound } from "./round-access.ts";
import { requireOpenRound } from "./round-state.ts";

/** The member's 个人总结 and the grade they suggest for themselves, while the round is open. */
export async function writeSummary(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  roundId: number,
  body: { summary: string; suggestedGrade: Grade },
): Promise<RoundDetail> {
  return withTx(db, async (tx) => {
    const { round, memberId } = await requireOwnRound(tx, actor, roundId, "share");
    requireOpenRound(round);
    await saveSummary(tx, roundId, memberId, body.summary, body.suggestedGrade);
    await recordAudit(tx, audit, {
      action: "evaluation.summary",
      entityType: "evaluation_round",
      entityId: roundId,
      orgPath: round.orgPath,
      after: { memberId, suggestedGrade: body.suggestedGrade, length: body.summary.length },
    });
    return getRound(tx, actor, roundId);
  });
}
