import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { InvalidState } from "../../../platform/errors.ts";
import { notifyMembers } from "../../notifications/send-notification.ts";
import { authorize, REVIEW_MANAGE, selfReviewNotFound } from "../review.policy.ts";
import { getSelfReview } from "./get-self-review.ts";
import type { SelfReviewDetail } from "./self-review.schemas.ts";
import { requireSelfReview } from "./self-review-access.ts";
import { setStatus } from "./self-reviews.repo.ts";

/** The secretary sends submitted material back for revision, saying why; the author is told. */
export async function returnSelfReview(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  comment: string,
): Promise<SelfReviewDetail> {
  authorize(actor, REVIEW_MANAGE);
  return withTx(db, async (tx) => {
    const { row, manage } = await requireSelfReview(tx, actor, id, true);
    if (!manage) throw selfReviewNotFound();
    if (row.status !== "submitted") {
      throw new InvalidState(
        {
          "zh-CN": "只有已提交的对照检查材料才能退回",
          "en-US": "Only submitted material can be returned",
        },
        "self_review_not_submitted",
      );
    }
    await setStatus(tx, id, "returned", comment);
    await recordAudit(tx, audit, {
      action: "review.self_review.return",
      entityType: "self_review",
      entityId: id,
      orgPath: row.orgPath,
      before: { status: "submitted" },
      after: { status: "returned", comment },
    });
    await notifyMembers(tx, audit, [row.memberId], {
      kind: "review.returned",
      title: "对照检查材料被退回修改",
      body: comment,
      link: "/review/mine",
      sourceType: "self_review",
      sourceId: String(id),
      orgPath: row.orgPath,
    });
    return getSelfReview(tx, actor, id);
  });
}
