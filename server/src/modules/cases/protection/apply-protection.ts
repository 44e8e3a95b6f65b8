import type { Actor } from "../../../platform/auth/actor.ts";
import { can } from "../../../platform/auth/actor.ts";
import type { AppContext } from "../../../platform/context.ts";
import { withTx } from "../../../platform/db/pool.ts";
import { BadInput, Forbidden } from "../../../platform/errors.ts";
import { pathInScope } from "../../../platform/scope.ts";
import { lookupMember } from "../../members/lookup-member.ts";
import { ownMemberRef } from "../../members/member-refs.ts";
import { requireFiler } from "../cases.policy.ts";
import type { ProtectionBody } from "../cases.schemas.ts";
import { effectiveSettings } from "../core/case-settings.repo.ts";
import { openCase } from "../core/open-case.ts";
import { orgIdOf } from "../core/org-path.ts";
import { orgPathForSubject } from "../core/route-case.ts";
import { protectionMachine } from "./protection-machine.ts";

const KIND_LABELS = {
  false_accusation: "诬告陷害",
  cyber_violence: "网络暴力",
  threat: "威胁恐吓",
} as const;

/**
 * 保护与澄清正名 (Art 24): a member applies for themselves, or a secretary applies for a
 * member of their org. The case goes to the member's org (one level up for a secretary); the
 * applicant's identity is kept encrypted like a reporter's, since an attacker could target
 * whoever asked for help.
 */
export async function applyProtection(ctx: AppContext, actor: Actor, body: ProtectionBody) {
  requireFiler(actor);
  const me = await ownMemberRef(ctx.db, actor);
  if (!me) throw new Forbidden();
  let subject = { id: me.id, orgPath: me.orgPath };
  if (body.memberId && body.memberId !== me.id) {
    const member = await lookupMember(ctx.db, body.memberId);
    if (!member || member.archived || !pathInScope(actor, "members:write", member.orgPath)) {
      throw new BadInput("memberId", {
        "zh-CN": "只能为本组织的党员申请保护",
        "en-US": "You may apply only for members of your own organization",
      });
    }
    if (!can(actor, "members:write")) throw new Forbidden();
    subject = member;
  }
  // A secretary's own protection case goes one level up, like a report about a secretary.
  const orgPath = await orgPathForSubject(ctx.db, subject);
  const settings = await effectiveSettings(ctx.db, orgPath);
  return withTx(ctx.db, (tx) =>
    openCase(
      tx,
      ctx,
      { userId: actor.userId, member: me, anonymous: false },
      {
        caseType: "protection",
        prefix: "BH",
        orgId: orgIdOf(orgPath),
        orgPath,
        state: protectionMachine.initial,
        title: `澄清正名与保护申请（${KIND_LABELS[body.kind]}）`,
        subjectMemberId: subject.id,
        details: {},
        linkDigest: null,
        ackDays: settings.ackDays,
        feedbackDays: settings.feedbackDays,
        filed: {
          kind: body.kind,
          happenedOn: body.happenedOn,
          description: body.description,
          links: body.links,
          request: body.request,
        },
        meta: { kind: body.kind },
        notice: "收到澄清正名与保护申请",
      },
    ),
  );
}
