import { encodeBallot, trackingCode, verifyBallot, voterContext } from "@wanggui/ballot";
import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput, Forbidden } from "../../../platform/errors.ts";
import { roundNotFound } from "../review.policy.ts";
import { listSubjects } from "./evaluation.repo.ts";
import type { VoteBody } from "./evaluation.schemas.ts";
import { requireOwnRound } from "./round-access.ts";
import { requireEncryptedVoting, requireOpenRound, requireVotingPhase } from "./round-state.ts";
import { upsertSealedBallot } from "./sealed-ballots.repo.ts";

const GRADES = 4;

/**
 * A secret vote: the browser encrypts the grade to the round's joint key and proves it is one
 * of the four; the server checks the proofs and keeps the ciphertext, which it cannot read.
 * The voter's latest ballot on a member replaces their earlier one while the round is open
 * (docs/adr/0015-encrypted-ballots.md); the answer is the ballot's tracking code.
 */
export async function castVote(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  roundId: number,
  vote: VoteBody,
): Promise<{ trackingCode: string }> {
  return withTx(db, async (tx) => {
    const { round, memberId: voterId } = await requireOwnRound(tx, actor, roundId, "share");
    const people = new Map((await listSubjects(tx, roundId)).map((s) => [s.memberId, s]));
    const voter = people.get(voterId);
    if (!voter) throw roundNotFound();
    requireOpenRound(round);
    requireVotingPhase(round);
    const jointKey = requireEncryptedVoting(round);
    if (!voter.mayVote) {
      throw new Forbidden({
        "zh-CN": "预备党员没有表决权，不参加投票",
        "en-US": "Probationary members have no vote",
      });
    }
    if (vote.memberId === voterId) {
      throw new BadInput("memberId", {
        "zh-CN": "不能给本人投票，请在个人总结中提出自评等次",
        "en-US": "You cannot vote on yourself; suggest your grade in your self-assessment",
      });
    }
    if (!people.has(vote.memberId)) {
      throw new BadInput("memberId", {
        "zh-CN": "该党员不在本次评议范围内",
        "en-US": "This member is not evaluated in this round",
      });
    }
    if (
      !verifyBallot(jointKey, voterContext(roundId, voterId, vote.memberId), vote.ballot, GRADES)
    ) {
      throw new BadInput("ballot", {
        "zh-CN": "选票校验未通过：请刷新页面后重新投票",
        "en-US": "The ballot's proofs do not check out; reload the page and vote again",
      });
    }
    const code = trackingCode(vote.ballot);
    await upsertSealedBallot(tx, {
      roundId,
      voterId,
      subjectId: vote.memberId,
      ballot: encodeBallot(vote.ballot),
      trackingCode: code,
    });
    // The audit names the voter and the round only: not whom they voted on, nor the ballot.
    await recordAudit(tx, audit, {
      action: "evaluation.vote",
      entityType: "evaluation_round",
      entityId: roundId,
      orgPath: round.orgPath,
    });
    return { trackingCode: code };
  });
}
