import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput, InvalidState } from "../../../platform/errors.ts";
import { notifyMembers } from "../../notifications/send-notification.ts";
import { listSubjects } from "./evaluation.repo.ts";
import type { RoundDetail, TrusteesBody } from "./evaluation.schemas.ts";
import { getRound } from "./get-round.ts";
import { requireManagedRound } from "./round-access.ts";
import { requireOpenRound } from "./round-state.ts";
import { listTrustees, replaceTrustees } from "./sealed-ballots.repo.ts";

/**
 * Names the round's trustees (计票人): two to five full members of the branch, usually 支委
 * members, who each make a key share in their own browser. They can be changed until the
 * first of them has made a key.
 */
export async function setTrustees(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  body: TrusteesBody,
): Promise<RoundDetail> {
  return withTx(db, async (tx) => {
    const round = await requireManagedRound(tx, actor, id);
    requireOpenRound(round);
    if (round.scheme !== "encrypted") {
      throw new InvalidState(
        { "zh-CN": "旧版明文投票不设计票人", "en-US": "A plaintext round has no trustees" },
        "plain_round",
      );
    }
    if ((await listTrustees(tx, id)).some((t) => t.publicKey !== null)) {
      throw new InvalidState(
        {
          "zh-CN": "已有计票人生成密钥，不能再更换计票人",
          "en-US": "A trustee has already made a key; the trustees can no longer change",
        },
        "keys_started",
      );
    }
    const people = new Map((await listSubjects(tx, id)).map((s) => [s.memberId, s]));
    const chosen = body.memberIds.map((m) => people.get(m));
    if (chosen.some((p) => !p?.mayVote)) {
      throw new BadInput("memberIds", {
        "zh-CN": "计票人须是本次参评的正式党员",
        "en-US": "Trustees must be full members evaluated in this round",
      });
    }
    const trustees = chosen.map((p) => ({ id: p?.memberId as number, name: p?.name as string }));
    await replaceTrustees(tx, id, trustees);
    await recordAudit(tx, audit, {
      action: "evaluation.trustees.set",
      entityType: "evaluation_round",
      entityId: id,
      orgPath: round.orgPath,
      after: { trustees: trustees.map((t) => t.id) },
    });
    await notifyMembers(
      tx,
      audit,
      trustees.map((t) => t.id),
      {
        kind: "review.evaluation",
        title: `您被确定为${round.year}年度民主评议计票人`,
        body: "请在本人电脑的浏览器中生成计票密钥并妥善保存密钥文件；全部计票人生成密钥后才能开始投票。",
        link: `/review/rounds/${id}`,
        sourceType: "evaluation_round",
        sourceId: String(id),
        orgPath: round.orgPath,
      },
    );
    return getRound(tx, actor, id);
  });
}
