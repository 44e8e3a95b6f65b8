import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { InvalidState } from "../../../platform/errors.ts";
import type { RoundDetail } from "./evaluation.schemas.ts";
import { getRound } from "./get-round.ts";
import { requireManagedRound } from "./round-access.ts";
import { discardVoting } from "./sealed-ballots.repo.ts";

/**
 * The fallback when a trustee lost their key: the round cannot be counted, so its ballots,
 * tallies and keys are discarded and the round starts again from key generation. Nobody,
 * the server included, can count the discarded ballots (docs/adr/0015-encrypted-ballots.md).
 */
export async function restartRound(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
): Promise<RoundDetail> {
  return withTx(db, async (tx) => {
    const round = await requireManagedRound(tx, actor, id);
    if (round.scheme !== "encrypted" || round.counted) {
      throw new InvalidState(
        {
          "zh-CN": "只有尚未完成计票的加密投票可以重新开始",
          "en-US": "Only an encrypted round that is not yet counted can start again",
        },
        "not_restartable",
      );
    }
    const discarded = await discardVoting(tx, id);
    await recordAudit(tx, audit, {
      action: "evaluation.round.restart",
      entityType: "evaluation_round",
      entityId: id,
      orgPath: round.orgPath,
      before: { status: round.status, ballots: discarded },
      after: { status: "open", ballots: 0 },
    });
    return getRound(tx, actor, id);
  });
}
