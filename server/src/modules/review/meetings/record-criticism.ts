import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput } from "../../../platform/errors.ts";
import { getMeeting } from "./get-meeting.ts";
import { requireManagedMeeting } from "./managed-meeting.ts";
import { insertCriticism, listAttendees } from "./meetings.repo.ts";
import type { CriticismBody, MeetingDetail } from "./meetings.schemas.ts";

/** 相互批评: what one attendee raised about another at the meeting, and the response. */
export async function recordCriticism(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  body: CriticismBody,
): Promise<MeetingDetail> {
  return withTx(db, async (tx) => {
    const meeting = await requireManagedMeeting(tx, actor, id);
    if (body.fromMemberId === body.toMemberId) {
      throw new BadInput("toMemberId", {
        "zh-CN": "批评与被批评的不能是同一人",
        "en-US": "A criticism is between two different attendees",
      });
    }
    const attending = new Set((await listAttendees(tx, id)).map((a) => a.memberId));
    for (const field of ["fromMemberId", "toMemberId"] as const) {
      if (!attending.has(body[field])) {
        throw new BadInput(field, {
          "zh-CN": "须为本次会议的参会人员",
          "en-US": "Must be an attendee of this meeting",
        });
      }
    }
    const criticismId = await insertCriticism(tx, {
      meetingId: id,
      fromMemberId: body.fromMemberId,
      toMemberId: body.toMemberId,
      criticism: body.criticism.trim(),
      response: body.response?.trim() ?? "",
      userId: actor.userId,
    });
    await recordAudit(tx, audit, {
      action: "review.criticism.record",
      entityType: "review_criticism",
      entityId: criticismId,
      orgPath: meeting.orgPath,
      after: { meetingId: id, fromMemberId: body.fromMemberId, toMemberId: body.toMemberId },
    });
    return getMeeting(tx, actor, id);
  });
}
