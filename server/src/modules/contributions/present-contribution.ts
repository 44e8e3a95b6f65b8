import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { contributionNotFound, mayReview } from "./contributions.policy.ts";
import type { ContributionRow } from "./contributions.repo.ts";
import { findContribution } from "./contributions.repo.ts";
import type { Contribution } from "./contributions.schemas.ts";

/** The row as the caller sees it, with what the server lets them do to it now. */
export function toContribution(row: ContributionRow, actor: Actor): Contribution {
  const { orgPath, ...rest } = row;
  const pending = row.state === "pending";
  return {
    ...rest,
    can: {
      edit: pending && row.member.id === actor.memberId,
      // Nobody accepts their own work: an officer's own submission goes to another reviewer.
      review: pending && row.member.id !== actor.memberId && mayReview(actor, orgPath),
    },
  };
}

export async function presentContribution(
  db: Queryable,
  actor: Actor,
  id: number,
): Promise<Contribution> {
  const row = await findContribution(db, actor, id);
  if (!row) throw contributionNotFound();
  return toContribution(row, actor);
}
