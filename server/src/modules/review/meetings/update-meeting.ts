import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput } from "../../../platform/errors.ts";
import { getMeeting } from "./get-meeting.ts";
import { requireManagedMeeting } from "./managed-meeting.ts";
import { checkHours } from "./meeting-hours.ts";
import { updateMeeting as writeMeeting } from "./meetings.repo.ts";
import type { MeetingDetail, UpdateMeetingBody } from "./meetings.schemas.ts";

/** Edits the meeting's date, hours, topic, place, host, recorder, minutes or deadline. */
export async function updateMeeting(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  changes: UpdateMeetingBody,
): Promise<MeetingDetail> {
  return withTx(db, async (tx) => {
    const before = await requireManagedMeeting(tx, actor, id);
    const heldOn = changes.heldOn ?? before.heldOn;
    if ((changes.rectifyBy ?? before.rectifyBy) < heldOn) {
      throw new BadInput("rectifyBy", {
        "zh-CN": "整改期限不能早于会议日期",
        "en-US": "The rectification deadline cannot precede the meeting",
      });
    }
    checkHours(
      changes.startsAt === undefined ? before.startsAt : changes.startsAt,
      changes.endsAt === undefined ? before.endsAt : changes.endsAt,
    );
    await writeMeeting(tx, id, changes);
    const { minutes, ...rest } = changes;
    await recordAudit(tx, audit, {
      action: "review.meeting.update",
      entityType: "review_meeting",
      entityId: id,
      orgPath: before.orgPath,
      // Minutes can be long: the audit notes that they changed and their new length.
      after: { ...rest, ...(minutes === undefined ? {} : { minutesLength: minutes.length }) },
    });
    return getMeeting(tx, actor, id);
  });
}
