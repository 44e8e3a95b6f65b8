import { createHash, randomBytes } from "node:crypto";
import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { BadInput, Conflict, Forbidden } from "../../platform/errors.ts";
import {
  addParticipation,
  hasParticipated,
  insertBallot,
  regradeBallot,
  reshuffleBallots,
} from "./ballots.repo.ts";
import { listSubjects, roundById } from "./evaluation.repo.ts";
import type { VoteBody } from "./evaluation.schemas.ts";
import { requireMember, roundNotFound } from "./review.policy.ts";
import { requireOpenRound } from "./round-state.ts";

const digest = (receipt: string) => createHash("sha256").update(receipt).digest("hex");

/**
 * A secret vote. A first vote on a member records the participation and a ballot, and hands
 * the voter a receipt; only that receipt can change the ballot later. Nothing stored, logged
 * or audited ties the voter to the grade (docs/adr/0006-secret-ballots.md).
 */
export async function castVote(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  roundId: number,
  vote: VoteBody,
): Promise<{ receipt: string }> {
  const voterId = requireMember(actor);
  return withTx(db, async (tx) => {
    const round = await roundById(tx, roundId, "share");
    if (!round) throw roundNotFound();
    const people = new Map((await listSubjects(tx, roundId)).map((s) => [s.memberId, s]));
    const voter = people.get(voterId);
    if (!voter) throw roundNotFound();
    requireOpenRound(round);
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
    let receipt: string;
    if (vote.receipt) {
      receipt = vote.receipt;
      const changed =
        (await hasParticipated(tx, roundId, voterId, vote.memberId)) &&
        (await regradeBallot(tx, {
          roundId,
          subjectId: vote.memberId,
          grade: vote.grade,
          receiptDigest: digest(receipt),
        }));
      if (!changed) {
        throw new BadInput("receipt", {
          "zh-CN": "投票回执无效，无法修改该票",
          "en-US": "The receipt does not match a ballot you cast",
        });
      }
    } else {
      if (!(await addParticipation(tx, roundId, voterId, vote.memberId))) {
        throw new Conflict(
          {
            "zh-CN": "您已对该党员投过票，每人只能投一票；如需修改，请使用投票时保存的回执",
            "en-US": "You have already voted on this member; change it with your receipt",
          },
          "memberId",
          "already_voted",
        );
      }
      receipt = randomBytes(16).toString("base64url");
      await insertBallot(tx, {
        roundId,
        subjectId: vote.memberId,
        grade: vote.grade,
        receiptDigest: digest(receipt),
      });
    }
    await reshuffleBallots(tx, roundId, vote.memberId);
    // The audit names the voter and the round only: not whom they voted on, nor the grade.
    await recordAudit(tx, audit, {
      action: "evaluation.vote",
      entityType: "evaluation_round",
      entityId: roundId,
      orgPath: round.orgPath,
    });
    return { receipt };
  });
}
