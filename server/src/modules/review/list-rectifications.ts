import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { findMemberHomes } from "../orgs/member-homes.ts";
import { presentRectification } from "./rectification-access.ts";
import { listRectifications as selectItems } from "./rectifications.repo.ts";
import {
  authorizeRead,
  orgNotFound,
  REVIEW_MANAGE,
  REVIEW_OVERSEE,
  requireMember,
} from "./review.policy.ts";
import type { Rectification, RectificationQuery } from "./review.schemas.ts";

/** 整改清单: the secretary's list (with the overdue filter), or with mine=true one's own. */
export async function listRectifications(
  db: Queryable,
  actor: Actor,
  query: RectificationQuery,
): Promise<{ items: Rectification[] }> {
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
  const rows = await selectItems(db, actor, {
    orgPath,
    meetingId: query.meetingId,
    status: query.status,
    ownerId,
  });
  return { items: rows.map((row) => presentRectification(actor, row)) };
}
