import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { BadInput } from "../../platform/errors.ts";
import { listAttendees, meetingById } from "./meetings.repo.ts";
import {
  ownerOrManager,
  presentRectification,
  requireOpenRectification,
} from "./rectification-access.ts";
import {
  findRectification,
  completeRectification as markDone,
  type RectificationRow,
  updateRectification as writeItem,
} from "./rectifications.repo.ts";
import { authorize, canManage, REVIEW_MANAGE, REVIEW_TAKE } from "./review.policy.ts";
import type { Rectification, UpdateRectificationBody } from "./review.schemas.ts";

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
    const before = await requireOpenRectification(tx, id, (row) => canManage(actor, row.orgPath));
    if (changes.ownerMemberId !== undefined) {
      const attendees = await listAttendees(tx, before.meetingId);
      if (!attendees.some((a) => a.memberId === changes.ownerMemberId)) {
        throw new BadInput("ownerMemberId", {
          "zh-CN": "责任人须为本次会议的参会人员",
          "en-US": "The owner must be an attendee of the meeting",
        });
      }
    }
    if (changes.dueOn !== undefined) {
      // A deadline before the meeting that found the gap would be overdue from birth.
      const meeting = await meetingById(tx, before.meetingId);
      if (meeting && changes.dueOn < meeting.heldOn) {
        throw new BadInput("dueOn", {
          "zh-CN": `整改期限不能早于会议日期（${meeting.heldOn}）`,
          "en-US": `The deadline cannot be before the meeting (${meeting.heldOn})`,
        });
      }
    }
    await writeItem(tx, id, changes);
    await recordAudit(tx, audit, {
      action: "review.rectification.update",
      entityType: "rectification_item",
      entityId: id,
      orgPath: before.orgPath,
      before: { ownerMemberId: before.owner.id, measure: before.measure, dueOn: before.dueOn },
      after: changes,
    });
    return presentRectification(actor, (await findRectification(tx, id)) as RectificationRow);
  });
}

/** Marks an item done with its evidence: by its owner, or by the secretary for them. */
export async function completeRectification(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  evidence: string,
): Promise<Rectification> {
  authorize(actor, REVIEW_TAKE);
  return withTx(db, async (tx) => {
    const before = await requireOpenRectification(tx, id, ownerOrManager(actor));
    await markDone(tx, id, evidence);
    await recordAudit(tx, audit, {
      action: "review.rectification.complete",
      entityType: "rectification_item",
      entityId: id,
      orgPath: before.orgPath,
      before: { status: "open" },
      after: { status: "done", evidence },
    });
    return presentRectification(actor, (await findRectification(tx, id)) as RectificationRow);
  });
}
