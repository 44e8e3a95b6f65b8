import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { Forbidden } from "../../platform/errors.ts";
import { notifyMembers } from "../notifications/send-notification.ts";
import {
  authorize,
  contributionNotFound,
  mayReview,
  REVIEW,
  requirePending,
} from "./contributions.policy.ts";
import { lockContribution, setContributionState } from "./contributions.repo.ts";
import type { Contribution } from "./contributions.schemas.ts";
import { presentContribution } from "./present-contribution.ts";

export type Verdict = { accept: true } | { accept: false; reason: string };

/**
 * The propaganda officer or secretary of the member's subtree accepts (采用) the work or
 * returns (退回) it with a reason. The member hears of it in their inbox, in the same
 * transaction, so the message exists exactly when the decision does.
 */
export async function reviewContribution(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  verdict: Verdict,
): Promise<Contribution> {
  authorize(actor, REVIEW);
  return withTx(db, async (tx) => {
    const row = await lockContribution(tx, id);
    if (!row || !mayReview(actor, row.orgPath)) throw contributionNotFound();
    if (row.memberId === actor.memberId) {
      throw new Forbidden({
        "zh-CN": "不能审核本人报送的作品，请由其他审核人办理",
        "en-US": "You cannot review your own work",
      });
    }
    requirePending(row.state);
    const state = verdict.accept ? "accepted" : "returned";
    const reason = verdict.accept ? null : verdict.reason;
    await setContributionState(tx, id, state, { by: actor.userId, reason });
    await recordAudit(tx, audit, {
      action: verdict.accept ? "contribution.accept" : "contribution.return",
      entityType: "contribution",
      entityId: id,
      orgPath: row.orgPath,
      before: { state: row.state },
      after: { state, reason },
    });
    const work = await presentContribution(tx, actor, id);
    await notifyMembers(tx, audit, [row.memberId], {
      kind: "contribution.reviewed",
      title: verdict.accept
        ? `您报送的作品「${work.title}」已被采用`
        : `您报送的作品「${work.title}」被退回`,
      body: verdict.accept ? "感谢您在网上传播正能量。" : `退回原因：${reason}`,
      link: "/contributions",
      sourceType: "contribution",
      sourceId: id,
      orgPath: row.orgPath,
    });
    return work;
  });
}
