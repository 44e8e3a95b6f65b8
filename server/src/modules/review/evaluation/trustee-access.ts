import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { requireOwnRound } from "./round-access.ts";
import { notTrustee } from "./round-state.ts";
import { listTrustees } from "./sealed-ballots.repo.ts";

/**
 * The round locked for a trustee's step, with its trustees and the caller among them: 404 to
 * anyone the round does not evaluate, 403 to a member of the round who is not a trustee.
 */
export async function requireTrustee(tx: Queryable, actor: Actor, roundId: number) {
  const { round, memberId } = await requireOwnRound(tx, actor, roundId, "update");
  const trustees = await listTrustees(tx, roundId);
  const me = trustees.find((t) => t.memberId === memberId);
  if (!me) throw notTrustee();
  return { round, trustees, me, memberId };
}
