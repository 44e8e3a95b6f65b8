import type { Actor } from "../../platform/auth/actor.ts";
import { can } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { Forbidden, NotFound } from "../../platform/errors.ts";
import { memberRefsByIds } from "../members/member-refs.ts";
import { findMemberHomes } from "../orgs/member-homes.ts";
import { commendationsOfMember, listCommendations } from "./commendations.repo.ts";
import { APPROVE, orgNotFound, REVIEW } from "./contributions.policy.ts";
import { acceptedOfMember } from "./contributions.repo.ts";
import type { Commendation, CommendationQuery, Contribution } from "./contributions.schemas.ts";
import { toCommendation } from "./present-commendation.ts";
import { toContribution } from "./present-contribution.ts";

/** Who reads the commendation lists: reviewers propose, approvers decide; both see them. */
export const LIST_PERMISSIONS = [REVIEW, APPROVE];

export function authorizeList(actor: Actor) {
  if (!LIST_PERMISSIONS.some((p) => can(actor, p))) throw new Forbidden();
}

/** An org in the caller's list scope, or 404. */
export async function listedOrg(db: Queryable, actor: Actor, orgId: number) {
  for (const p of LIST_PERMISSIONS) {
    const org = (await findMemberHomes(db, actor, p, [orgId])).get(orgId);
    if (org) return org;
  }
  throw orgNotFound();
}

/** 表彰: proposals and decisions of the caller's subtree (or one org of it), newest first. */
export async function readCommendations(
  db: Queryable,
  actor: Actor,
  query: CommendationQuery,
): Promise<{ items: Commendation[]; nextCursor: string | null }> {
  authorizeList(actor);
  const org = query.orgId === undefined ? null : await listedOrg(db, actor, query.orgId);
  const page = await listCommendations(db, actor, LIST_PERMISSIONS, {
    orgPath: org?.path,
    state: query.state,
    after: query.after,
    limit: query.limit,
  });
  return { items: page.items.map((r) => toCommendation(r, actor)), nextCursor: page.nextCursor };
}

/**
 * What a member's record shows for 评先评优 (Art 23): approved commendations and accepted
 * works. The member reads their own; whoever reads the roster reads it for their subtree.
 */
export async function memberRecord(
  db: Queryable,
  actor: Actor,
  memberId: number,
): Promise<{ commendations: Commendation[]; accepted: Contribution[] }> {
  if (memberId !== actor.memberId) {
    const [member] = await memberRefsByIds(db, actor, "members:read", [memberId]);
    if (!member) throw new NotFound({ "zh-CN": "党员", "en-US": "Member" });
  }
  const [commendations, accepted] = await Promise.all([
    commendationsOfMember(db, memberId, "approved"),
    acceptedOfMember(db, memberId),
  ]);
  return {
    commendations: commendations.map((r) => toCommendation(r, actor)),
    accepted: accepted.map((r) => toContribution(r, actor)),
  };
}
