import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { findMemberHomes } from "../../orgs/member-homes.ts";
import { authorizeRead, orgNotFound, REVIEW_MANAGE, REVIEW_OVERSEE } from "../review.policy.ts";
import { listMeetings as selectMeetings } from "./meetings.repo.ts";
import type { MeetingListQuery, MeetingSummary } from "./meetings.schemas.ts";

/** Meetings in the caller's scope, optionally of one org's subtree and one year, a page at a time. */
export async function listMeetings(
  db: Queryable,
  actor: Actor,
  query: MeetingListQuery,
): Promise<{ items: MeetingSummary[]; nextCursor: string | null }> {
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
  return selectMeetings(db, actor, { ...query, orgPath });
}
