import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { listHistory } from "./member-history.repo.ts";
import { authorize, memberNotFound } from "./members.policy.ts";
import { findMember, findOwnMember, type MemberRow } from "./members.repo.ts";
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

/**
 * The detail page: the same record, and when it is someone else's, an audit row in the
 * member's org (birth date, history and org moves are personal information, 个人信息保护).
 */
export async function viewMember(
  db: Queryable,
  actor: Actor,
  audit: AuditActor,
  id: number,
): Promise<MemberDetail> {
  authorize(actor, "read");
  const row = await findMember(db, actor, "members:read", id);
  if (!row) throw memberNotFound();
  const shown = await detail(db, actor, row);
  if (actor.memberId !== row.id) {
    await recordAudit(db, audit, {
      action: "member.read",
      entityType: "member",
      entityId: row.id,
      orgPath: row.orgPath,
    });
  }
  return shown;
}

/** The caller's own record, for every signed-in member (self scope). */
export async function getOwnMember(db: Queryable, actor: Actor): Promise<MemberDetail> {
  authorize(actor, "readSelf");
  const row = await findOwnMember(db, actor);
  if (!row) throw memberNotFound();
  return detail(db, actor, row);
}
