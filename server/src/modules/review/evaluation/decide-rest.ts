import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { Conflict } from "../../../platform/errors.ts";
import { decideUndecided, listSubjects } from "./evaluation.repo.ts";
import type { DecideRestBody, RoundDetail } from "./evaluation.schemas.ts";
import { getRound } from "./get-round.ts";
import { requireManagedRound } from "./round-access.ts";
import { requireClosedRound } from "./round-state.ts";

/**
 * 其余评为合格: in a branch of forty, the secretary decides the few who need a word one by one
 * and the rest in one step. Never 不合格, which needs each member's own reason. The number the
 * secretary confirmed must still be the number undecided, so a decision made meanwhile in
 * another window is not overwritten unseen.
 */
export async function decideRest(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  body: DecideRestBody,
): Promise<RoundDetail> {
  return withTx(db, async (tx) => {
    const round = await requireManagedRound(tx, actor, id);
    requireClosedRound(round);
    const undecided = (await listSubjects(tx, id)).filter((s) => s.finalGrade === null).length;
    if (undecided !== body.expected) {
      throw new Conflict(
        {
          "zh-CN": `未评定的党员现为${undecided}名，与确认时不同，请刷新后重试`,
          "en-US": `${undecided} members are undecided now, not ${body.expected}; reload and try again`,
        },
        "expected",
        "undecided_changed",
      );
    }
    const decided = await decideUndecided(tx, id, body.grade);
    await recordAudit(tx, audit, {
      action: "evaluation.decide_rest",
      entityType: "evaluation_round",
      entityId: id,
      orgPath: round.orgPath,
      after: { grade: body.grade, members: decided },
    });
    return getRound(tx, actor, id);
  });
}
