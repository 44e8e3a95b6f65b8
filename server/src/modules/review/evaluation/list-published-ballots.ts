import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { requireRound } from "./round-access.ts";
import { publishedBallots } from "./sealed-ballots.repo.ts";

/**
 * The round's ballot list by tracking code, for every reader of the round: a voter finds
 * their own code in it to see that their latest ballot is the one counted. No voter is named.
 */
export async function listPublishedBallots(db: Queryable, actor: Actor, id: number) {
  await requireRound(db, actor, id, { evaluated: true });
  return { items: await publishedBallots(db, id) };
}
