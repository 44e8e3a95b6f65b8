import { jointKey, trusteeContext, verifyTrusteeKey } from "@wanggui/ballot";
import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput, Conflict } from "../../../platform/errors.ts";
import { notifyMembers } from "../../notifications/send-notification.ts";
import { listSubjects } from "./evaluation.repo.ts";
import type { RoundDetail, TrusteeKeyBody } from "./evaluation.schemas.ts";
import { getRound } from "./get-round.ts";
import { requireOpenRound } from "./round-state.ts";
import { setJointKey, setTrusteeKey } from "./sealed-ballots.repo.ts";
import { requireTrustee } from "./trustee-access.ts";

/**
 * A trustee's public key, made in their browser with a proof that they hold its secret. When
 * the last trustee's key is in, the joint key is their sum and voting can begin.
 */
export async function submitTrusteeKey(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  roundId: number,
  body: TrusteeKeyBody,
): Promise<RoundDetail> {
  return withTx(db, async (tx) => {
    const { round, trustees, me, memberId } = await requireTrustee(tx, actor, roundId);
    requireOpenRound(round);
    if (me.publicKey) {
      throw new Conflict(
        {
          "zh-CN": "您已为本轮生成过密钥，不能更换",
          "en-US": "You have already given your key for this round",
        },
        "publicKey",
        "already_keyed",
      );
    }
    if (!verifyTrusteeKey(trusteeContext(roundId, memberId), body.publicKey, body.proof)) {
      throw new BadInput("proof", {
        "zh-CN": "密钥证明校验未通过，请刷新页面后重新生成",
        "en-US": "The key's proof does not check out; reload and make the key again",
      });
    }
    await setTrusteeKey(tx, roundId, memberId, body.publicKey, body.proof);
    const keys = trustees.map((t) => (t.memberId === memberId ? body.publicKey : t.publicKey));
    const complete = keys.every((k): k is string => k !== null);
    if (complete) await setJointKey(tx, roundId, jointKey(keys));
    await recordAudit(tx, audit, {
      action: "evaluation.trustee.key",
      entityType: "evaluation_round",
      entityId: roundId,
      orgPath: round.orgPath,
      after: { publicKey: body.publicKey, votingOpen: complete },
    });
    if (complete) {
      // Voting opens only when the last key is in, which nobody watches for: each voter is told.
      const voters = (await listSubjects(tx, roundId)).filter((s) => s.mayVote);
      await notifyMembers(
        tx,
        audit,
        voters.map((v) => v.memberId),
        {
          kind: "review.evaluation",
          title: `${round.year}年度民主评议党员投票已开始`,
          body: "计票人均已生成密钥，请对其他党员进行无记名投票。选票在您的浏览器中加密，任何人都看不到单张选票。",
          link: `/review/rounds/${roundId}`,
          sourceType: "evaluation_round",
          sourceId: String(roundId),
          orgPath: round.orgPath,
        },
      );
    }
    return getRound(tx, actor, roundId);
  });
}
