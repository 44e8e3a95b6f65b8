import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { findMemberHomes } from "../orgs/member-homes.ts";
import { listMeetings as selectMeetings } from "./meetings.repo.ts";
import { authorizeRead, orgNotFound, REVIEW_MANAGE, REVIEW_OVERSEE } from "./review.policy.ts";
import type { MeetingSummary } from "./review.schemas.ts";

/** Meetings in the caller's scope, optionally of one org's subtree and one year. */
export async function listMeetings(
  db: Queryable,
  actor: Actor,
  query: { orgId?: number; year?: number },
): Promise<{ items: MeetingSummary[] }> {
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
  return { items: await selectMeetings(db, actor, { orgPath, year: query.year }) };
}
