import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { InvalidState } from "../../platform/errors.ts";
import { getMember } from "./get-member.ts";
import { archiveMember as markArchived } from "./member-history.repo.ts";
import { authorize, memberNotFound } from "./members.policy.ts";
import { chinaToday, findMember } from "./members.repo.ts";
import type { MemberDetail } from "./members.schemas.ts";

/** Archives a member's record (出党, 去世, 转出本系统): never deleted, history closed today. */
export async function archiveMember(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  reason: string,
): Promise<MemberDetail> {
  authorize(actor, "archive");
  return withTx(db, async (tx) => {
    const member = await findMember(tx, actor, "members:write", id, true);
    if (!member) throw memberNotFound();
    if (member.archivedAt) {
      throw new InvalidState(
        { "zh-CN": "该党员档案已归档", "en-US": "The member is already archived" },
        "member_archived",
      );
    }
    await markArchived(tx, id, reason, await chinaToday(tx));
    await recordAudit(tx, audit, {
      action: "member.archive",
      entityType: "member",
      entityId: id,
      orgPath: member.orgPath,
      before: { archivedAt: null },
      after: { archived: true, reason },
    });
    return getMember(tx, actor, id);
  });
}
