import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { memberFacts } from "../../members/member-directory.ts";
import { meetingById } from "../meetings/meetings.repo.ts";
import { selfReviewNotFound } from "../review.policy.ts";
import type { SelfReviewDetail } from "./self-review.schemas.ts";
import { requireSelfReview } from "./self-review-access.ts";
import { listItems } from "./self-reviews.repo.ts";

/** One 对照检查材料 with its checklist, for its author or the organizations above. */
export async function getSelfReview(
  db: Queryable,
  actor: Actor,
  id: number,
): Promise<SelfReviewDetail> {
  const { row, own, manage } = await requireSelfReview(db, actor, id);
  const meeting = await meetingById(db, row.meetingId);
  const member = (await memberFacts(db, [row.memberId])).get(row.memberId);
  if (!meeting || !member) throw selfReviewNotFound();
  return {
    id: row.id,
    meeting: {
      id: meeting.id,
      kind: meeting.kind,
      topic: meeting.topic,
      heldOn: meeting.heldOn,
      orgName: meeting.orgName,
    },
    member: { id: member.id, name: member.name, isCadre: member.isCadre },
    status: row.status,
    overview: row.overview,
    returnComment: row.returnComment,
    submittedAt: row.submittedAt,
    items: await listItems(db, id),
    can: { edit: own && row.status !== "submitted", return: manage && row.status === "submitted" },
  };
}
