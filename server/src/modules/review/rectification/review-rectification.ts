import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { notifyMembers } from "../../notifications/send-notification.ts";
import { authorize, REVIEW_MANAGE } from "../review.policy.ts";
import type { Rectification } from "./rectification.schemas.ts";
import { changedRectification, requireRectificationIn } from "./rectification-access.ts";
import { closeRectification, returnRectification } from "./rectifications.repo.ts";

/**
 * The secretary's review of an item its owner reported done: 销号 closes it for good; 退回
 * sends it back with the reason, and the owner is told, as when it was first assigned.
 */
export async function reviewRectification(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  verdict: { close: true; comment?: string } | { close: false; comment: string },
): Promise<Rectification> {
  authorize(actor, REVIEW_MANAGE);
  return withTx(db, async (tx) => {
    const before = await requireRectificationIn(tx, actor, id, "done", { owner: false });
    const comment = verdict.comment?.trim() || null;
    if (verdict.close) await closeRectification(tx, id, comment, actor.userId);
    else await returnRectification(tx, id, verdict.comment);
    await recordAudit(tx, audit, {
      action: verdict.close ? "review.rectification.close" : "review.rectification.return",
      entityType: "rectification_item",
      entityId: id,
      orgPath: before.orgPath,
      before: { status: "done", evidence: before.evidence },
      after: { status: verdict.close ? "closed" : "open", comment },
    });
    if (!verdict.close) {
      await notifyMembers(tx, audit, [before.owner.id], {
        kind: "review.rectification_returned",
        title: `整改事项被退回：${before.problem}`,
        body: `退回理由：${verdict.comment}。请继续整改，完成后再次报告。期限：${before.dueOn}。`,
        link: "/review/mine",
        sourceType: "rectification_item",
        sourceId: String(id),
        orgPath: before.orgPath,
      });
    }
    return changedRectification(tx, actor, id);
  });
}
