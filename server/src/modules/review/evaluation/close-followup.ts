import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { InvalidState, NotFound } from "../../../platform/errors.ts";
import { authorize, REVIEW_MANAGE } from "../review.policy.ts";
import type { CloseFollowupBody, Followup } from "./evaluation.schemas.ts";
import { findManagedFollowup, closeFollowup as markClosed } from "./followups.repo.ts";
import { presentFollowup } from "./list-followups.ts";

const followupNotFound = () => new NotFound({ "zh-CN": "处置记录", "en-US": "Follow-up" });

/**
 * The organization records the measures it took on a member graded 不合格 and closes the
 * follow-up with its outcome; who closed it and when are kept. A closed record stays closed
 * (a new 不合格 decision reopens it), so the history cannot be rewritten from this route.
 */
export async function closeFollowup(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  body: CloseFollowupBody,
): Promise<Followup> {
  authorize(actor, REVIEW_MANAGE);
  return withTx(db, async (tx) => {
    const before = await findManagedFollowup(tx, actor, id);
    if (!before) throw followupNotFound();
    if (before.status === "closed") {
      throw new InvalidState(
        { "zh-CN": "该处置记录已办结", "en-US": "This follow-up is already closed" },
        "followup_closed",
      );
    }
    await markClosed(tx, id, body, actor.userId);
    await recordAudit(tx, audit, {
      action: "evaluation.followup.close",
      entityType: "evaluation_followup",
      entityId: id,
      orgPath: before.orgPath,
      before: { status: "open" },
      after: { status: "closed", measures: body.measures, outcome: body.outcome },
    });
    return presentFollowup(
      actor,
      (await findManagedFollowup(tx, actor, id)) as NonNullable<
        Awaited<ReturnType<typeof findManagedFollowup>>
      >,
    );
  });
}
