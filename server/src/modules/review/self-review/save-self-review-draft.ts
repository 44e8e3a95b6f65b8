import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { requireMember } from "../review.policy.ts";
import { getSelfReview } from "./get-self-review.ts";
import type { DraftBody, SelfReviewDetail } from "./self-review.schemas.ts";
import { requireOwnEditable } from "./self-review-editable.ts";
import { saveDraft } from "./self-reviews.repo.ts";

/**
 * Autosave while the member types. Not audited line by line: a draft is the author's own
 * working copy until submitted, and submission is audited with the whole content.
 */
export async function saveSelfReviewDraft(
  db: Db,
  actor: Actor,
  id: number,
  draft: DraftBody,
): Promise<SelfReviewDetail> {
  requireMember(actor);
  return withTx(db, async (tx) => {
    await requireOwnEditable(tx, actor, id);
    await saveDraft(tx, id, draft);
    return getSelfReview(tx, actor, id);
  });
}
