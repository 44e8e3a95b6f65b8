import { type Actor, can } from "../../../platform/auth/actor.ts";
import { requirePermission } from "../../../platform/auth/plugin.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { findMemberHomes } from "../../orgs/member-homes.ts";
import { orgNotFound, REVIEW_MANAGE, REVIEW_OVERSEE, REVIEW_TAKE } from "../review.policy.ts";
import { listRounds as selectRounds } from "./evaluation.repo.ts";
import type { RoundListQuery, RoundSummary } from "./evaluation.schemas.ts";

/** Rounds the caller runs or oversees, and those they are evaluated in. */
export async function listRounds(
  db: Queryable,
  actor: Actor,
  query: RoundListQuery,
): Promise<{ items: RoundSummary[]; nextCursor: string | null }> {
  requirePermission(
    can(actor, REVIEW_MANAGE) || can(actor, REVIEW_OVERSEE) || can(actor, REVIEW_TAKE),
  );
  let orgPath: string | undefined;
  if (query.orgId !== undefined) {
    const homes = new Map([
      ...(await findMemberHomes(db, actor, REVIEW_OVERSEE, [query.orgId])),
      ...(await findMemberHomes(db, actor, REVIEW_MANAGE, [query.orgId])),
    ]);
    const org = homes.get(query.orgId);
    if (!org) throw orgNotFound();
    orgPath = org.path;
  }
  return selectRounds(db, actor, { ...query, orgPath, memberId: actor.memberId ?? undefined });
}
