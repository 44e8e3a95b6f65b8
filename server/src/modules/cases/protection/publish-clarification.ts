import type { AuditActor } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { AppContext } from "../../../platform/context.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { BadInput, InvalidState } from "../../../platform/errors.ts";
import { pathInScope } from "../../../platform/scope.ts";
import { activeMembersOf, memberFacts } from "../../members/member-directory.ts";
import { notifyMembers } from "../../notifications/send-notification.ts";
import { CASES_HANDLE } from "../cases.policy.ts";
import type { TransitionBody } from "../cases.schemas.ts";
import { insertEvent } from "../core/case-events.repo.ts";
import type { CaseRow } from "../core/cases.repo.ts";
import { orgIdOf, parentPath } from "../core/org-path.ts";

/**
 * 发布澄清正名 (Art 24): the statement goes, as text only, to the inbox of every member with an
 * account in the scope the organization chose: the member's own org, or the org above it and
 * everything below. The machine has already required the member's consent. The scope must lie
 * within what the handler may handle; a wider one is for the org above to decide.
 * Returns what the case's history and audit record of the choice.
 */
export async function publishClarification(
  tx: Queryable,
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  c: CaseRow,
  body: TransitionBody,
): Promise<Record<string, unknown>> {
  const member =
    c.subjectMemberId === null
      ? undefined
      : (await memberFacts(tx, [c.subjectMemberId])).get(c.subjectMemberId);
  if (!member) {
    throw new InvalidState({
      "zh-CN": "本案未关联党员，无法确定澄清正名的发布范围",
      "en-US": "The case names no member to publish a clarification for",
    });
  }
  const scopePath = body.scope === "parent_org" ? parentPath(member.orgPath) : member.orgPath;
  if (body.scope === "parent_org" && scopePath === member.orgPath) {
    throw new BadInput("scope", {
      "zh-CN": "该党员所在组织没有上级组织，请选择本组织范围",
      "en-US": "The member's org has no parent; choose the member's own org",
    });
  }
  if (!pathInScope(actor, CASES_HANDLE, scopePath)) {
    throw new BadInput("scope", {
      "zh-CN": "发布范围超出您所在组织的管辖，请报上级组织决定并发布",
      "en-US": "That scope is beyond your organization; the org above decides and publishes",
    });
  }
  const statement = body.statement ?? "";
  const members = await activeMembersOf(tx, scopePath);
  const recipients = await notifyMembers(
    tx,
    audit,
    members.map((m) => m.id),
    { kind: "case.clarification", title: "澄清正名", body: statement, orgPath: scopePath },
  );
  const choice = { scope: body.scope, scopeOrgId: orgIdOf(scopePath), recipients };
  // What was published, for the member and the handlers to read in the case.
  await insertEvent(tx, {
    caseId: c.id,
    kind: "clarification",
    visibleToFiler: true,
    actorUserId: actor.userId,
    byFiler: false,
    body: ctx.cipher.encrypt(statement),
    meta: choice,
  });
  return choice;
}
