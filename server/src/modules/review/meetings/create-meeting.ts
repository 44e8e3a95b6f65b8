import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput } from "../../../platform/errors.ts";
import { activeMembersOf, type MemberFacts } from "../../members/member-directory.ts";
import { notifyMembers } from "../../notifications/send-notification.ts";
import { findMemberHomes } from "../../orgs/member-homes.ts";
import { authorize, orgNotFound, REVIEW_MANAGE } from "../review.policy.ts";
import { drawChecklist } from "../self-review/draw-checklist.ts";
import { insertSelfReview } from "../self-review/self-reviews.repo.ts";
import { getMeeting } from "./get-meeting.ts";
import { checkHours } from "./meeting-hours.ts";
import { insertAttendees, insertMeeting } from "./meetings.repo.ts";
import type { CreateMeetingBody, MeetingDetail } from "./meetings.schemas.ts";

/** 应到: the named attendees, or by default the branch's members (组织生活会) or its cadres
 * (民主生活会 is the leadership team's meeting). */
function pickAttendees(people: MemberFacts[], body: CreateMeetingBody): MemberFacts[] {
  if (body.attendeeIds) {
    const byId = new Map(people.map((p) => [p.id, p]));
    const picked = [...new Set(body.attendeeIds)].map((id) => byId.get(id));
    if (picked.some((p) => p === undefined)) {
      throw new BadInput("attendeeIds", {
        "zh-CN": "参会人员须为本组织的在册党员",
        "en-US": "Attendees must be active members of the organization",
      });
    }
    return picked as MemberFacts[];
  }
  const chosen = body.kind === "leadership_life" ? people.filter((p) => p.isCadre) : people;
  if (chosen.length === 0) {
    throw new BadInput("attendeeIds", {
      "zh-CN": "该组织没有可参会的党员，请先维护党员名册",
      "en-US": "The organization has no members who could attend",
    });
  }
  return chosen;
}

/**
 * Schedules a 组织生活会 or 民主生活会: the meeting, its 应到 list and, for each attendee, a
 * self-review drawn from the provisions that bind them. Attendees are told to fill it in.
 */
export async function createMeeting(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  body: CreateMeetingBody,
): Promise<MeetingDetail> {
  authorize(actor, REVIEW_MANAGE);
  if (body.rectifyBy < body.heldOn) {
    throw new BadInput("rectifyBy", {
      "zh-CN": "整改期限不能早于会议日期",
      "en-US": "The rectification deadline cannot precede the meeting",
    });
  }
  checkHours(body.startsAt ?? null, body.endsAt ?? null);
  return withTx(db, async (tx) => {
    const org = (await findMemberHomes(tx, actor, REVIEW_MANAGE, [body.orgId])).get(body.orgId);
    if (!org || org.archived) throw orgNotFound();
    const attendees = pickAttendees(await activeMembersOf(tx, org.path), body);
    const id = await insertMeeting(tx, {
      kind: body.kind,
      orgId: org.id,
      orgPath: org.path,
      orgName: org.name,
      heldOn: body.heldOn,
      topic: body.topic,
      location: body.location ?? "",
      rectifyBy: body.rectifyBy,
      createdBy: actor.userId,
      host: body.host ?? "",
      recorder: body.recorder ?? "",
      observers: body.observers ?? "",
      startsAt: body.startsAt ?? null,
      endsAt: body.endsAt ?? null,
    });
    await insertAttendees(tx, id, attendees);
    const checklists = {
      member: await drawChecklist(tx, false),
      cadre: await drawChecklist(tx, true),
    };
    for (const person of attendees) {
      await insertSelfReview(tx, {
        meetingId: id,
        memberId: person.id,
        orgPath: org.path,
        lines: person.isCadre ? checklists.cadre : checklists.member,
      });
    }
    await recordAudit(tx, audit, {
      action: "review.meeting.create",
      entityType: "review_meeting",
      entityId: id,
      orgPath: org.path,
      after: { ...body, attendeeIds: attendees.map((a) => a.id) },
    });
    await notifyMembers(
      tx,
      audit,
      attendees.map((a) => a.id),
      {
        kind: "review.self_review",
        title: `请填写对照检查材料：${body.topic}`,
        body: `${org.name}将于${body.heldOn}召开会议，请对照《中国共产党党员网络行为规定》逐条检查并提交材料。`,
        link: "/review/mine",
        sourceType: "review_meeting",
        sourceId: String(id),
        orgPath: org.path,
      },
    );
    return getMeeting(tx, actor, id);
  });
}
