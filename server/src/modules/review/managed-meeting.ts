import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { requireMeeting } from "./get-meeting.ts";
import type { MeetingRow } from "./meetings.repo.ts";
import { authorize, canManage, meetingNotFound, REVIEW_MANAGE } from "./review.policy.ts";

/**
 * A meeting the caller may change, locked: 403 without the manage permission anywhere, 404
 * when it lies outside the caller's manage scope (an overseer reads but does not edit).
 */
export async function requireManagedMeeting(
  db: Queryable,
  actor: Actor,
  id: number,
): Promise<MeetingRow> {
  authorize(actor, REVIEW_MANAGE);
  const meeting = await requireMeeting(db, actor, id, true);
  if (!canManage(actor, meeting.orgPath)) throw meetingNotFound();
  return meeting;
}
