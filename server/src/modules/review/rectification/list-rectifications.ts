import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { findMemberHomes } from "../../orgs/member-homes.ts";
import {
  authorizeRead,
  orgNotFound,
  REVIEW_MANAGE,
  REVIEW_OVERSEE,
  requireMember,
} from "../review.policy.ts";
import type { Rectification, RectificationQuery } from "./rectification.schemas.ts";
import { presentRectification } from "./rectification-access.ts";
import { listRectifications as selectItems } from "./rectifications.repo.ts";

/** 整改清单: the secretary's list (with the overdue filter), or with mine=true one's own. */
export async function listRectifications(
  db: Queryable,
  actor: Actor,
  query: RectificationQuery,
): Promise<{ items: Rectification[]; nextCursor: string | null }> {
  const mine = query.mine === "true";
  const ownerId = mine ? requireMember(actor) : undefined;
  if (!mine) authorizeRead(actor);
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
  const page = await selectItems(db, actor, { ...query, orgPath, ownerId });
  return {
    items: page.items.map((row) => presentRectification(actor, row)),
    nextCursor: page.nextCursor,
  };
}
