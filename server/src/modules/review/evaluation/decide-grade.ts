import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput } from "../../../platform/errors.ts";
import { decide, listSubjects, syncFollowup, tallies, turnoutOf } from "./evaluation.repo.ts";
import type { DecisionBody, RoundDetail } from "./evaluation.schemas.ts";
import { getRound } from "./get-round.ts";
import { requireManagedRound } from "./round-access.ts";
import { presentTally } from "./round-results.ts";
import { requireClosedRound } from "./round-state.ts";

/**
 * The organization's final grade for a member, decided with the vote counts in view. 不合格
 * needs its reason and opens a 处置 follow-up.
 */
export async function decideGrade(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  body: DecisionBody,
): Promise<RoundDetail> {
  return withTx(db, async (tx) => {
    const round = await requireManagedRound(tx, actor, id);
    requireClosedRound(round);
    if (!(await listSubjects(tx, id)).some((s) => s.memberId === body.memberId)) {
      throw new BadInput("memberId", {
        "zh-CN": "该党员不在本次评议范围内",
        "en-US": "This member is not evaluated in this round",
      });
    }
    const reason = body.reason?.trim() || null;
    if (body.grade === "incompetent" && (reason === null || reason.length < 2)) {
      throw new BadInput("reason", {
        "zh-CN": "评定为不合格须写明理由",
        "en-US": "A grade of 不合格 (incompetent) needs a reason",
      });
    }
    await decide(tx, id, body.memberId, body.grade, reason);
    await syncFollowup(
      tx,
      { roundId: id, memberId: body.memberId, orgPath: round.orgPath, grade: body.grade, reason },
      actor.userId,
    );
    // The audit keeps the counts the secretary saw, withheld as they were on screen.
    const ballots = (await turnoutOf(tx, id)).ballots.get(body.memberId) ?? 0;
    const { tally } = presentTally(ballots, (await tallies(tx, id)).get(body.memberId));
    await recordAudit(tx, audit, {
      action: "evaluation.decide",
      entityType: "evaluation_round",
      entityId: id,
      orgPath: round.orgPath,
      after: { ...body, reason, ballots, tally },
    });
    return getRound(tx, actor, id);
  });
}
