import type { Queryable } from "../../../platform/db/pool.ts";
import { BadInput } from "../../../platform/errors.ts";
import { activeMembersOf } from "../../members/member-directory.ts";
import { listAttendees } from "../meetings/meetings.repo.ts";

/**
 * Who may own an item: an attendee of the meeting that raised it, or, for an item from a
 * higher committee's feedback or elsewhere, an active member of the organization.
 */
export async function requireOwner(
  tx: Queryable,
  where: { meetingId: number | null; orgPath: string },
  memberId: number,
): Promise<{ id: number; name: string }> {
  if (where.meetingId !== null) {
    const attendee = (await listAttendees(tx, where.meetingId)).find(
      (a) => a.memberId === memberId,
    );
    if (attendee) return { id: memberId, name: attendee.name };
    throw new BadInput("ownerMemberId", {
      "zh-CN": "责任人须为本次会议的参会人员",
      "en-US": "The owner must be an attendee of the meeting",
    });
  }
  const member = (await activeMembersOf(tx, where.orgPath)).find((m) => m.id === memberId);
  if (member) return { id: member.id, name: member.name };
  throw new BadInput("ownerMemberId", {
    "zh-CN": "责任人须为本组织的在册党员",
    "en-US": "The owner must be a current member of this organization",
  });
}

/** Today in China, for deadlines that must not already have passed. */
export async function chinaToday(db: Queryable): Promise<string> {
  const result = await db.query<{ today: string }>("SELECT cn_today()::text AS today");
  return result.rows[0]?.today ?? "";
}
