import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { BadInput, InvalidState } from "../../platform/errors.ts";
import { acceptsMembers, findMemberHomes } from "../orgs/member-homes.ts";
import { getMember } from "./get-member.ts";
import { transferMember as move, openHistory } from "./member-history.repo.ts";
import { authorize, memberNotFound, orgNotFound } from "./members.policy.ts";
import { chinaToday, findMember } from "./members.repo.ts";
import type { MemberDetail, TransferMemberBody } from "./members.schemas.ts";

/**
 * Transfers a member (组织关系转接) to another org: the current history row is closed on `date`,
 * a new one opens, and the member's org and org_path move, in one transaction.
 *
 * Both the member and the target org must be in the caller's members:write scope. Read access
 * to the target is not enough: a transfer writes into the receiving org's roster, and a
 * secretary may not place people in a roster they do not keep. A transfer between two
 * subtrees is done by the secretary of the committee above both (as 组织关系转接 goes through the
 * common higher committee), or later by an accept step on the receiving side.
 */
export async function transferMember(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  input: TransferMemberBody,
): Promise<MemberDetail> {
  authorize(actor, "transfer");
  return withTx(db, async (tx) => {
    const member = await findMember(tx, actor, "members:write", id, true);
    if (!member) throw memberNotFound();
    if (member.archivedAt) {
      throw new InvalidState(
        { "zh-CN": "已归档的党员不能转接", "en-US": "An archived member cannot be transferred" },
        "member_archived",
      );
    }
    const target = (await findMemberHomes(tx, actor, "members:write", [input.toOrgId])).get(
      input.toOrgId,
    );
    if (!target) throw orgNotFound();
    if (target.id === member.orgId) {
      throw new BadInput("toOrgId", {
        "zh-CN": "该党员已在此党组织",
        "en-US": "The member already belongs to this organization",
      });
    }
    if (!acceptsMembers(target)) {
      throw new BadInput("toOrgId", {
        "zh-CN": `${target.name}不直接管理党员，请选择党支部或党小组`,
        "en-US": `${target.name} does not hold members directly; choose a branch or group`,
      });
    }
    const open = await openHistory(tx, id);
    const since = open?.fromDate ?? member.joinedOn;
    if (input.date < since || input.date > (await chinaToday(tx))) {
      throw new BadInput("date", {
        "zh-CN": `转接日期应在 ${since} 至今天之间`,
        "en-US": `The transfer date must be between ${since} and today`,
      });
    }
    await move(
      tx,
      member,
      { orgId: target.id, orgPath: target.path },
      { date: input.date, reason: input.reason, recordedBy: actor.userId },
    );
    await recordAudit(tx, audit, {
      action: "member.transfer",
      entityType: "member",
      entityId: id,
      orgPath: target.path,
      before: { orgId: member.orgId, orgPath: member.orgPath },
      after: { orgId: target.id, orgPath: target.path, date: input.date, reason: input.reason },
    });
    return getMember(tx, actor, id);
  });
}
