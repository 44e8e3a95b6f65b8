import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { requireMember } from "../review.policy.ts";
import { listOwnReviews } from "./self-reviews.repo.ts";

/** The caller's own self-reviews, newest meeting first. */
export async function listMyReviews(db: Queryable, actor: Actor) {
  return { items: await listOwnReviews(db, requireMember(actor)) };
}
