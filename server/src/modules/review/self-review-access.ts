import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { pathInScope } from "../../platform/scope.ts";
import { canManage, REVIEW_OVERSEE, selfReviewNotFound } from "./review.policy.ts";
import { findSelfReview, type SelfReviewRow } from "./self-reviews.repo.ts";

export interface SelfReviewAccess {
  row: SelfReviewRow;
  own: boolean;
  manage: boolean;
}

/**
 * A self-review is read by its author, by the secretary who runs the meeting and by the
 * committees above; anyone else gets 404, so ids reveal nothing.
 */
export async function requireSelfReview(
  db: Queryable,
  actor: Actor,
  id: number,
  lock = false,
): Promise<SelfReviewAccess> {
  const row = await findSelfReview(db, id, lock);
  if (!row) throw selfReviewNotFound();
  const own = actor.memberId !== null && actor.memberId === row.memberId;
  const manage = canManage(actor, row.orgPath);
  if (!own && !manage && !pathInScope(actor, REVIEW_OVERSEE, row.orgPath)) {
    throw selfReviewNotFound();
  }
  return { row, own, manage };
}
