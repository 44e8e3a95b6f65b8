import { combineShares, trusteeContext, verifyShare } from "@wanggui/ballot";
import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput, Conflict, InvalidState } from "../../../platform/errors.ts";
import { listSubjects } from "./evaluation.repo.ts";
import type { DecryptionBody, RoundDetail } from "./evaluation.schemas.ts";
import { getRound } from "./get-round.ts";
import { requireClosedRound } from "./round-state.ts";
import { insertShares, listTallies, setCounts, sharesOf } from "./sealed-ballots.repo.ts";
import { requireTrustee } from "./trustee-access.ts";

const refused = () =>
  new BadInput("shares", {
    "zh-CN": "解密份额校验未通过：请确认使用的是本人为本轮生成的密钥文件",
    "en-US": "The decryption shares do not check out; use the key you made for this round",
  });

/**
 * A trustee's partial decryption of every tally, each with a proof that it used the secret
 * behind their public key. The last trustee's shares turn the tallies into counts; no single
 * ballot is ever decrypted.
 */
export async function submitDecryption(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  roundId: number,
  body: DecryptionBody,
): Promise<RoundDetail> {
  return withTx(db, async (tx) => {
    const { round, trustees, me, memberId } = await requireTrustee(tx, actor, roundId);
    requireClosedRound(round);
    if (round.scheme !== "encrypted" || !me.publicKey) {
      throw new InvalidState({
        "zh-CN": "本轮无须解密",
        "en-US": "This round has nothing to decrypt",
      });
    }
    if (me.shared) {
      throw new Conflict(
        { "zh-CN": "您已提交过解密份额", "en-US": "You have already decrypted your share" },
        "shares",
        "already_shared",
      );
    }
    const tallies = await listTallies(tx, roundId);
    const given = new Map(body.shares.map((s) => [`${s.memberId}/${s.grade}`, s]));
    if (given.size !== body.shares.length || given.size !== tallies.length) throw refused();
    const context = trusteeContext(roundId, memberId);
    const shares = tallies.map((t) => {
      const s = given.get(`${t.memberId}/${t.grade}`);
      if (!s || !verifyShare(context, me.publicKey as string, t, s)) throw refused();
      return { memberId: t.memberId, grade: t.grade, share: { d: s.d, proof: s.proof } };
    });
    await insertShares(tx, roundId, memberId, shares);
    const complete = trustees.every((t) => t.shared || t.memberId === memberId);
    if (complete) {
      // A count is at most one ballot per member of the round; every proof checked, so the
      // discrete log lies in that range.
      const all = new Map(
        (await sharesOf(tx, roundId)).map((s) => [`${s.memberId}/${s.grade}`, s.ds]),
      );
      const voters = (await listSubjects(tx, roundId)).length;
      const counts = tallies.map((t) => {
        const count = combineShares(t, all.get(`${t.memberId}/${t.grade}`) ?? [], voters);
        if (count === null) throw new Error(`tally ${t.memberId}/${t.grade} did not decrypt`);
        return { memberId: t.memberId, grade: t.grade, count };
      });
      await setCounts(tx, roundId, counts);
    }
    await recordAudit(tx, audit, {
      action: "evaluation.trustee.decrypt",
      entityType: "evaluation_round",
      entityId: roundId,
      orgPath: round.orgPath,
      after: { counted: complete },
    });
    return getRound(tx, actor, roundId);
  });
}
