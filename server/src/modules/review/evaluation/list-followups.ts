import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { findMemberHomes } from "../../orgs/member-homes.ts";
import {
  authorizeRead,
  canManage,
  orgNotFound,
  REVIEW_MANAGE,
  REVIEW_OVERSEE,
} from "../review.policy.ts";
import type { Followup, FollowupQuery } from "./evaluation.schemas.ts";
import { type FollowupRow, listFollowups as selectFollowups } from "./followups.repo.ts";

/** With the caller's ability on it: only a manager of its org closes a follow-up. */
export function presentFollowup(actor: Actor, { orgPath, ...row }: FollowupRow): Followup {
  return { ...row, can: { close: row.status === "open" && canManage(actor, orgPath) } };
}

/** 处置 records for the org (or the caller's whole scope): what is open and how others ended. */
export async function listFollowups(
  db: Queryable,
  actor: Actor,
  query: FollowupQuery,
): Promise<{ items: Followup[]; nextCursor: string | null }> {
  authorizeRead(actor);
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
  const page = await selectFollowups(db, actor, { ...query, orgPath });
  return {
    items: page.items.map((row) => presentFollowup(actor, row)),
    nextCursor: page.nextCursor,
  };
}
