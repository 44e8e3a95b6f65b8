import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { authorize, memberNotFound } from "./members.policy.ts";
import { findMember, findOwnMember, listHistory, type MemberRow } from "./members.repo.ts";
import type { MemberDetail } from "./members.schemas.ts";
import { presentHistory, presentMembers } from "./present-member.ts";

async function detail(db: Queryable, actor: Actor, row: MemberRow): Promise<MemberDetail> {
  const [member] = await presentMembers(db, actor, [row]);
  if (!member) throw memberNotFound();
  return { ...member, history: await presentHistory(db, await listHistory(db, row.id)) };
}

/** A member's record (masked) with their history of orgs, if in the caller's read scope. */
export async function getMember(db: Queryable, actor: Actor, id: number): Promise<MemberDetail> {
  authorize(actor, "read");
  const row = await findMember(db, actor, "members:read", id);
  if (!row) throw memberNotFound();
  return detail(db, actor, row);
}

/** The caller's own record, for every signed-in member (self scope). */
export async function getOwnMember(db: Queryable, actor: Actor): Promise<MemberDetail> {
  authorize(actor, "readSelf");
  const row = await findOwnMember(db, actor);
  if (!row) throw memberNotFound();
  return detail(db, actor, row);
}
