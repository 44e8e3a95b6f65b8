import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { authorize, REVIEW_MANAGE, requireMember, roundNotFound } from "../review.policy.ts";
import { findRound } from "./evaluation.repo.ts";

/**
 * A round the caller may read: managed, overseen, or (with `evaluated`) one they are
 * evaluated in. Anything else is not found, so ids reveal nothing.
 */
export async function requireRound(
  db: Queryable,
  actor: Actor,
  id: number,
  reach: { evaluated: boolean },
) {
  const round = await findRound(db, actor, id, { scope: "read", ...reach });
  if (!round) throw roundNotFound();
  return { round, manage: round.manage, oversee: round.oversee };
}

/** A round the caller manages, locked for the change: 403 without the permission, else 404. */
export async function requireManagedRound(db: Queryable, actor: Actor, id: number) {
  authorize(actor, REVIEW_MANAGE);
  const round = await findRound(db, actor, id, { scope: "manage", evaluated: false }, "update");
  if (!round) throw roundNotFound();
  return round;
}

/** A round that evaluates the caller, held for their own step (a summary, a vote, a key). */
export async function requireOwnRound(
  db: Queryable,
  actor: Actor,
  id: number,
  lock: "share" | "update",
) {
  const memberId = requireMember(actor);
  const round = await findRound(db, actor, id, { scope: null, evaluated: true }, lock);
  if (!round) throw roundNotFound();
  return { round, memberId };
}
