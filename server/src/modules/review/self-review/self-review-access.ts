import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { selfReviewNotFound } from "../review.policy.ts";
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
  const found = await findSelfReview(db, actor, id, lock);
  if (!found) throw selfReviewNotFound();
  const { own, manage, oversee: _oversee, ...row } = found;
  return { row, own, manage };
}
