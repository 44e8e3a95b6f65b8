import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import type { CommendationRow } from "./commendations.repo.ts";
import { findCommendation } from "./commendations.repo.ts";
import { APPROVE, commendationNotFound, mayDecide, REVIEW } from "./contributions.policy.ts";
import type { Commendation } from "./contributions.schemas.ts";

export function toCommendation(row: CommendationRow, actor: Actor): Commendation {
  const { orgPath, proposedById, ...rest } = row;
  return {
    ...rest,
    can: {
      decide: row.state === "proposed" && mayDecide(actor, { orgPath, proposedBy: proposedById }),
    },
  };
}

export async function presentCommendation(
  db: Queryable,
  actor: Actor,
  id: number,
): Promise<Commendation> {
  const row = await findCommendation(db, actor, [REVIEW, APPROVE], id);
  if (!row) throw commendationNotFound();
  return toCommendation(row, actor);
}
