import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput } from "../../../platform/errors.ts";
import { meetingById } from "../meetings/meetings.repo.ts";
import { syncRectifications } from "../rectification/rectifications.repo.ts";
import { requireMember, selfReviewNotFound } from "../review.policy.ts";
import { getSelfReview } from "./get-self-review.ts";
import type { SelfReviewDetail } from "./self-review.schemas.ts";
import { requireOwnEditable } from "./self-review-editable.ts";
import { type ItemRow, listItems, setStatus } from "./self-reviews.repo.ts";

/** The first line that cannot be submitted as it stands, with the field to fix. */
export function incompleteItem(items: ItemRow[]): { field: string; seq: number } | null {
  for (const item of items) {
    if (item.answer === null) return { field: `items.${item.seq}.answer`, seq: item.seq };
    if (item.answer === "gap") {
      for (const part of ["problem", "cause", "measure"] as const) {
        if (item[part].trim() === "") return { field: `items.${item.seq}.${part}`, seq: item.seq };
      }
    }
  }
  return null;
}

/**
 * Submits the 对照检查材料: every line answered, each gap with its 问题表现, 原因分析 and
 * 整改措施. Submission locks the material and turns each gap into a rectification item.
 */
export async function submitSelfReview(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
): Promise<SelfReviewDetail> {
  requireMember(actor);
  return withTx(db, async (tx) => {
    const row = await requireOwnEditable(tx, actor, id);
    const items = await listItems(tx, id);
    const missing = incompleteItem(items);
    if (missing) {
      throw new BadInput(missing.field, {
        "zh-CN": `第 ${missing.seq} 项未填写完整：请选择“符合”或“存在差距”，存在差距的须填写问题表现、原因分析和整改措施`,
        "en-US": `Line ${missing.seq} is incomplete: answer it, and for a gap give the problem, its cause and the measure`,
      });
    }
    const meeting = await meetingById(tx, row.meetingId);
    if (!meeting) throw selfReviewNotFound();
    await setStatus(tx, id, "submitted");
    await syncRectifications(tx, {
      selfReviewId: id,
      meetingId: meeting.id,
      ownerId: row.memberId,
      orgPath: row.orgPath,
      dueOn: meeting.rectifyBy,
    });
    await recordAudit(tx, audit, {
      action: "review.self_review.submit",
      entityType: "self_review",
      entityId: id,
      orgPath: row.orgPath,
      before: { status: row.status },
      after: { status: "submitted", overview: row.overview, items },
    });
    return getSelfReview(tx, actor, id);
  });
}
