import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput } from "../../../platform/errors.ts";
import { notifyMembers, notifyUsers } from "../../notifications/send-notification.ts";
import { nearestRoleHolders } from "../../users/role-holders.ts";
import { meetingById } from "../meetings/meetings.repo.ts";
import { authorize, REVIEW_MANAGE, REVIEW_TAKE } from "../review.policy.ts";
import type { Rectification, UpdateRectificationBody } from "./rectification.schemas.ts";
import { changedRectification, requireOpenRectification } from "./rectification-access.ts";
import { requireOwner } from "./rectification-owner.ts";
import {
  completeRectification as markDone,
  updateRectification as writeItem,
} from "./rectifications.repo.ts";

/** The secretary reassigns an item, sharpens its measure or moves its deadline. */
export async function updateRectification(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  changes: UpdateRectificationBody,
): Promise<Rectification> {
  authorize(actor, REVIEW_MANAGE);
  return withTx(db, async (tx) => {
    const before = await requireOpenRectification(tx, actor, id, { owner: false });
    const owner =
      changes.ownerMemberId === undefined
        ? undefined
        : await requireOwner(tx, before, changes.ownerMemberId);
    if (changes.dueOn !== undefined && before.meetingId !== null) {
      // A deadline before the meeting that found the gap would be overdue from birth.
      const meeting = await meetingById(tx, before.meetingId);
      if (meeting && changes.dueOn < meeting.heldOn) {
        throw new BadInput("dueOn", {
          "zh-CN": `整改期限不能早于会议日期（${meeting.heldOn}）`,
          "en-US": `The deadline cannot be before the meeting (${meeting.heldOn})`,
        });
      }
    }
    await writeItem(tx, id, { ...changes, ownerName: owner?.name });
    await recordAudit(tx, audit, {
      action: "review.rectification.update",
      entityType: "rectification_item",
      entityId: id,
      orgPath: before.orgPath,
      before: { ownerMemberId: before.owner.id, measure: before.measure, dueOn: before.dueOn },
      after: changes,
    });
    if (changes.ownerMemberId !== undefined && changes.ownerMemberId !== before.owner.id) {
      await notifyMembers(tx, audit, [changes.ownerMemberId], {
        kind: "review.rectification_assigned",
        title: `整改事项交由您负责：${before.problem}`,
        body: `整改措施：${changes.measure ?? before.measure}；期限：${changes.dueOn ?? before.dueOn}。`,
        link: "/review/mine",
        sourceType: "rectification_item",
        sourceId: String(id),
        orgPath: before.orgPath,
      });
    }
    return changedRectification(tx, actor, id);
  });
}

/**
 * Marks an item done with its evidence: by its owner, or by the secretary for them. The
 * secretaries nearest the item's org are told it waits for their 销号, except whoever reported
 * it, who is already looking at it.
 */
export async function completeRectification(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  evidence: string,
): Promise<Rectification> {
  authorize(actor, REVIEW_TAKE);
  return withTx(db, async (tx) => {
    const before = await requireOpenRectification(tx, actor, id, { owner: true });
    await markDone(tx, id, evidence);
    await recordAudit(tx, audit, {
      action: "review.rectification.complete",
      entityType: "rectification_item",
      entityId: id,
      orgPath: before.orgPath,
      before: { status: "open" },
      after: { status: "done", evidence },
    });
    const secretaries = (await nearestRoleHolders(tx, ["secretary"], before.orgPath)).filter(
      (u) => u !== actor.userId,
    );
    if (secretaries.length > 0) {
      await notifyUsers(tx, audit, secretaries, {
        kind: "review.rectification_done",
        title: `整改事项待销号：${before.problem}`,
        body: `${before.owner.name}已报告整改完成：${evidence}。请审核后销号或退回。`,
        link: "/review/rectifications?status=done",
        sourceType: "rectification_item",
        sourceId: String(id),
        orgPath: before.orgPath,
      });
    }
    return changedRectification(tx, actor, id);
  });
}
