import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { pathInScope } from "../../platform/scope.ts";
import { type RoundRow, roundById } from "./evaluation.repo.ts";
import {
  authorize,
  canManage,
  REVIEW_MANAGE,
  REVIEW_OVERSEE,
  roundNotFound,
} from "./review.policy.ts";

/** Whether this round is one the caller may read: managed, overseen, or evaluated in. */
export async function requireRound(
  db: Queryable,
  actor: Actor,
  id: number,
  isSubject: (round: RoundRow) => Promise<boolean>,
): Promise<{ round: RoundRow; manage: boolean; oversee: boolean }> {
  const round = await roundById(db, id);
  if (!round) throw roundNotFound();
  const manage = canManage(actor, round.orgPath);
  const oversee = manage || pathInScope(actor, REVIEW_OVERSEE, round.orgPath);
  if (!oversee && !(await isSubject(round))) throw roundNotFound();
  return { round, manage, oversee };
}

/** A round the caller manages, locked for the change: 403 without the permission, else 404. */
export async function requireManagedRound(db: Queryable, actor: Actor, id: number) {
  authorize(actor, REVIEW_MANAGE);
  const round = await roundById(db, id, "update");
  if (!round || !canManage(actor, round.orgPath)) throw roundNotFound();
  return round;
}
