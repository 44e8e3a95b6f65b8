import type { Actor } from "../../platform/auth/actor.ts";
import { can } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { InvalidState } from "../../platform/errors.ts";
import { pathInScope } from "../../platform/scope.ts";
import { findRectification, type RectificationRow } from "./rectifications.repo.ts";
import { canManage, REVIEW_OVERSEE, REVIEW_TAKE, rectificationNotFound } from "./review.policy.ts";
import type { Rectification } from "./review.schemas.ts";

const isOwner = (actor: Actor, row: RectificationRow) =>
  actor.memberId !== null && row.owner.id === actor.memberId;

/**
 * The item with the caller's abilities on it. The screen shows the reassign, move-deadline
 * and complete actions from these flags, so it never offers what the server would refuse.
 */
export function presentRectification(actor: Actor, row: RectificationRow): Rectification {
  const { orgPath, ...item } = row;
  const open = row.status === "open";
  const manage = open && canManage(actor, orgPath);
  return {
    ...item,
    can: {
      manage,
      complete: open && can(actor, REVIEW_TAKE) && (manage || isOwner(actor, row)),
    },
  };
}

/** Read access: its owner, or a manager or overseer of its org. Otherwise it does not exist. */
export async function requireReadableRectification(
  db: Queryable,
  actor: Actor,
  id: number,
): Promise<RectificationRow> {
  const row = await findRectification(db, id);
  const visible =
    row !== null &&
    (isOwner(actor, row) ||
      canManage(actor, row.orgPath) ||
      pathInScope(actor, REVIEW_OVERSEE, row.orgPath));
  if (!row || !visible) throw rectificationNotFound();
  return row;
}

/** An open item, locked, that `allowed` lets the caller change; a done item is history. */
export async function requireOpenRectification(
  tx: Queryable,
  id: number,
  allowed: (row: RectificationRow) => boolean,
): Promise<RectificationRow> {
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

/** The owner completes and documents their own item; a secretary may do it for them. */
export const ownerOrManager = (actor: Actor) => (row: RectificationRow) =>
  isOwner(actor, row) || canManage(actor, row.orgPath);
