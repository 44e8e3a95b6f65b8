import type { Actor } from "../../../platform/auth/actor.ts";
import { can } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { InvalidState } from "../../../platform/errors.ts";
import { canManage, REVIEW_TAKE, rectificationNotFound } from "../review.policy.ts";
import type { Rectification } from "./rectification.schemas.ts";
import { findRectification, type RectificationRow } from "./rectifications.repo.ts";

const isOwner = (actor: Actor, row: RectificationRow) =>
  actor.memberId !== null && row.owner.id === actor.memberId;

/**
 * The item with the caller's abilities on it. The screen shows the reassign, move-deadline
 * and complete actions from these flags, so it never offers what the server would refuse.
 */
export function presentRectification(actor: Actor, row: RectificationRow): Rectification {
  const { orgPath, ...item } = row;
  const open = row.status === "open";
  const manager = canManage(actor, orgPath);
  const manage = open && manager;
  return {
    ...item,
    can: {
      manage,
      complete: open && can(actor, REVIEW_TAKE) && (manage || isOwner(actor, row)),
      review: row.status === "done" && manager,
    },
  };
}

/** Read access: its owner, or a manager or overseer of its org. Otherwise it does not exist. */
export async function requireReadableRectification(
  db: Queryable,
  actor: Actor,
  id: number,
): Promise<RectificationRow> {
  const row = await findRectification(db, actor, id, { scope: "read", owner: true });
  if (!row) throw rectificationNotFound();
  return row;
}

const STATE_TEXT = {
  open: { "zh-CN": "该整改事项尚未报告完成", "en-US": "This item has not been reported done" },
  done: {
    "zh-CN": "该整改事项已报告完成，正等待销号",
    "en-US": "This item is reported done and awaits review",
  },
  closed: { "zh-CN": "该整改事项已销号", "en-US": "This item is closed" },
} as const;

/**
 * An item in the given state, locked, that the caller manages or (with `owner`) owns: open to
 * edit or report done, done to close (销号) or return. A closed item is history.
 */
export async function requireRectificationIn(
  tx: Queryable,
  actor: Actor,
  id: number,
  status: "open" | "done",
  reach: { owner: boolean },
): Promise<RectificationRow> {
  const row = await findRectification(tx, actor, id, { scope: "manage", ...reach });
  if (!row) throw rectificationNotFound();
  if (row.status !== status) {
    throw new InvalidState(STATE_TEXT[row.status], `rectification_${row.status}`);
  }
  return row;
}

/**
 * An open item the caller manages or (with `owner`) owns. The owner completes and documents
 * their own item; a secretary may do it for them.
 */
export const requireOpenRectification = (
  tx: Queryable,
  actor: Actor,
  id: number,
  reach: { owner: boolean },
) => requireRectificationIn(tx, actor, id, "open", reach);

/** The item as it now is, after a change the caller was allowed to make. */
export const changedRectification = async (tx: Queryable, actor: Actor, id: number) =>
  presentRectification(
    actor,
    (await findRectification(tx, actor, id, { scope: "read", owner: true })) as RectificationRow,
  );
