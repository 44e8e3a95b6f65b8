import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput } from "../../../platform/errors.ts";
import { notifyMembers } from "../../notifications/send-notification.ts";
import { findMemberHomes } from "../../orgs/member-homes.ts";
import { meetingById } from "../meetings/meetings.repo.ts";
import { authorize, canManage, orgNotFound, REVIEW_MANAGE } from "../review.policy.ts";
import type { CreateRectificationBody, Rectification } from "./rectification.schemas.ts";
import { changedRectification } from "./rectification-access.ts";
import { chinaToday, requireOwner } from "./rectification-owner.ts";
import { insertRectification } from "./rectifications.repo.ts";

export const SOURCE_TEXT = {
  self_review: "对照检查",
  criticism: "相互批评",
  higher_feedback: "上级反馈",
  other: "其他",
} as const;

/**
 * The secretary records a problem that no self-review listed: one raised in 相互批评 at a
 * meeting, one a higher committee fed back, or any other, and hands it to a member with a
 * measure and a deadline. The member is told in the same transaction.
 */
export async function createRectification(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  body: CreateRectificationBody,
): Promise<Rectification> {
  authorize(actor, REVIEW_MANAGE);
  return withTx(db, async (tx) => {
    const org = (await findMemberHomes(tx, actor, REVIEW_MANAGE, [body.orgId])).get(body.orgId);
    if (!org || org.archived) throw orgNotFound();
    let meetingId: number | null = null;
    if (body.source === "criticism") {
      const meeting = body.meetingId ? await meetingById(tx, body.meetingId) : null;
      if (!meeting || meeting.orgId !== org.id || !canManage(actor, meeting.orgPath)) {
        throw new BadInput("meetingId", {
          "zh-CN": "请选择提出该批评意见的本组织会议",
          "en-US": "Choose this organization's meeting where the criticism was raised",
        });
      }
      meetingId = meeting.id;
    }
    const owner = await requireOwner(tx, { meetingId, orgPath: org.path }, body.ownerMemberId);
    const today = await chinaToday(tx);
    if (body.dueOn < today) {
      throw new BadInput("dueOn", {
        "zh-CN": `整改期限不能早于今天（${today}）`,
        "en-US": `The deadline cannot be before today (${today})`,
      });
    }
    const id = await insertRectification(tx, {
      ...body,
      meetingId,
      orgId: org.id,
      orgPath: org.path,
      owner,
      userId: actor.userId,
    });
    await recordAudit(tx, audit, {
      action: "review.rectification.create",
      entityType: "rectification_item",
      entityId: id,
      orgPath: org.path,
      after: { ...body, meetingId },
    });
    await notifyMembers(tx, audit, [owner.id], {
      kind: "review.rectification_assigned",
      title: `整改事项交由您负责：${body.problem}`,
      body: `问题来源：${SOURCE_TEXT[body.source]}；整改措施：${body.measure}；期限：${body.dueOn}。`,
      link: "/review/mine",
      sourceType: "rectification_item",
      sourceId: String(id),
      orgPath: org.path,
    });
    return changedRectification(tx, actor, id);
  });
}
