import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { authorizeRead, canManage, meetingNotFound } from "../review.policy.ts";
import {
  findMeeting,
  listAttachments,
  listAttendees,
  listCriticisms,
  type MeetingRow,
} from "./meetings.repo.ts";
import type { MeetingDetail } from "./meetings.schemas.ts";

/** A meeting the caller manages or oversees, or 404; `lock` takes it for a change. */
export async function requireMeeting(
  db: Queryable,
  actor: Actor,
  id: number,
  lock = false,
): Promise<MeetingRow> {
  const meeting = await findMeeting(db, actor, id, lock);
  if (!meeting) throw meetingNotFound();
  return meeting;
}

/** The whole record of a meeting: attendance, each attendee's self-review state, 相互批评. */
export async function getMeeting(db: Queryable, actor: Actor, id: number): Promise<MeetingDetail> {
  authorizeRead(actor);
  const m = await requireMeeting(db, actor, id);
  // One after another: inside a transaction the queries share one connection.
  const attendees = await listAttendees(db, id);
  const attachments = await listAttachments(db, id);
  const criticisms = await listCriticisms(db, id);
  return {
    id: m.id,
    kind: m.kind,
    org: { id: m.orgId, name: m.orgName },
    heldOn: m.heldOn,
    topic: m.topic,
    location: m.location,
    host: m.host,
    recorder: m.recorder,
    observers: m.observers,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    minutes: m.minutes,
    rectifyBy: m.rectifyBy,
    expected: attendees.length,
    present: attendees.filter((a) => a.present === true).length,
    submitted: attendees.filter((a) => a.selfReview?.status === "submitted").length,
    attendees,
    attachments,
    criticisms,
    can: { manage: canManage(actor, m.orgPath) },
  };
}
