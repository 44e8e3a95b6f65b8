import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { authorize, meetingNotFound, REVIEW_MANAGE } from "../review.policy.ts";
import { findMeeting, type MeetingRow } from "./meetings.repo.ts";

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
  const meeting = await findMeeting(db, actor, id, true, "manage");
  if (!meeting) throw meetingNotFound();
  return meeting;
}
