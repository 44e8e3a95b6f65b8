import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput } from "../../../platform/errors.ts";
import { getMeeting } from "./get-meeting.ts";
import { requireManagedMeeting } from "./managed-meeting.ts";
import { setAttendance } from "./meetings.repo.ts";
import type { AttendanceBody, MeetingDetail } from "./meetings.schemas.ts";

/** 实到: marks who came; an absence needs its reason (病假, 公出, …) for the record. */
export async function recordAttendance(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  body: AttendanceBody,
): Promise<MeetingDetail> {
  return withTx(db, async (tx) => {
    const meeting = await requireManagedMeeting(tx, actor, id);
    for (const [i, entry] of body.entries.entries()) {
      if (!entry.present && !entry.absenceReason) {
        throw new BadInput(`entries.${i}.absenceReason`, {
          "zh-CN": "缺席须填写原因",
          "en-US": "An absence needs a reason",
        });
      }
      const found = await setAttendance(tx, id, {
        memberId: entry.memberId,
        present: entry.present,
        absenceReason: entry.absenceReason ?? null,
      });
      if (!found) {
        throw new BadInput(`entries.${i}.memberId`, {
          "zh-CN": "该党员不在本次会议的应到名单中",
          "en-US": "This member is not on the meeting's attendance list",
        });
      }
    }
    await recordAudit(tx, audit, {
      action: "review.meeting.attendance",
      entityType: "review_meeting",
      entityId: id,
      orgPath: meeting.orgPath,
      after: body.entries,
    });
    return getMeeting(tx, actor, id);
  });
}
