import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { InvalidState } from "../../../platform/errors.ts";
import { selfReviewNotFound } from "../review.policy.ts";
import { requireSelfReview } from "./self-review-access.ts";
import type { SelfReviewRow } from "./self-reviews.repo.ts";

/** The caller's own self-review, locked, while it may still change (draft or returned). */
export async function requireOwnEditable(
  db: Queryable,
  actor: Actor,
  id: number,
): Promise<SelfReviewRow> {
  const { row, own } = await requireSelfReview(db, actor, id, true);
  // Only the author writes their material; a secretary reads and returns it.
  if (!own) throw selfReviewNotFound();
  if (row.status === "submitted") {
    throw new InvalidState(
      {
        "zh-CN": "对照检查材料已提交，不能再修改；如需修改，请联系党支部书记退回",
        "en-US": "The self-review was submitted and is locked; ask the secretary to return it",
      },
      "self_review_submitted",
    );
  }
  return row;
}
