import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { BadInput, InvalidState } from "../../platform/errors.ts";
import { pathInScope } from "../../platform/scope.ts";
import { listAttendees } from "./meetings.repo.ts";
import {
  findRectification,
  completeRectification as markDone,
  type RectificationRow,
  updateRectification as writeItem,
} from "./rectifications.repo.ts";
import {
  authorize,
  canManage,
  REVIEW_MANAGE,
  REVIEW_TAKE,
  rectificationNotFound,
} from "./review.policy.ts";
import type { Rectification, UpdateRectificationBody } from "./review.schemas.ts";

const present = ({ orgPath: _p, ...item }: RectificationRow): Rectification => item;

async function requireOpen(
  tx: Parameters<typeof findRectification>[0],
  id: number,
  allowed: (row: RectificationRow) => boolean,
) {
  const row = await findRectification(tx, id);
  if (!row || !allowed(row)) throw rectificationNotFound();
  if (row.status === "done") {
    throw new InvalidState(
      { "zh-CN": "该整改事项已完成", "en-US": "This item is already done" },
      "rectification_done",
    );
  }
  return row;
}

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
    const before = await requireOpen(tx, id, (row) => canManage(actor, row.orgPath));
    if (changes.ownerMemberId !== undefined) {
      const attendees = await listAttendees(tx, before.meetingId);
      if (!attendees.some((a) => a.memberId === changes.ownerMemberId)) {
        throw new BadInput("ownerMemberId", {
          "zh-CN": "责任人须为本次会议的参会人员",
          "en-US": "The owner must be an attendee of the meeting",
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
    return present((await findRectification(tx, id)) as RectificationRow);
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
    const before = await requireOpen(
      tx,
      id,
      (row) => row.owner.id === actor.memberId || pathInScope(actor, REVIEW_MANAGE, row.orgPath),
    );
    await markDone(tx, id, evidence);
    await recordAudit(tx, audit, {
      action: "review.rectification.complete",
      entityType: "rectification_item",
      entityId: id,
      orgPath: before.orgPath,
      before: { status: "open" },
      after: { status: "done", evidence },
    });
    return present((await findRectification(tx, id)) as RectificationRow);
  });
}
