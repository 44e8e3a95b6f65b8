import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { AppContext } from "../../../platform/context.ts";
import { withTx } from "../../../platform/db/pool.ts";
import { BadInput, Conflict, InvalidState } from "../../../platform/errors.ts";
import { memberRefsByIds } from "../../members/member-refs.ts";
import { usersOfMembers } from "../../notifications/notifications.repo.ts";
import { notifyUsers } from "../../notifications/send-notification.ts";
import { MACHINES } from "../case-types.ts";
import { requireHandler } from "../cases.policy.ts";
import { findFiler, insertEvent } from "../core/case-events.repo.ts";
import { insertLink, linksOf } from "../core/case-links.repo.ts";
import { effectiveSettings } from "../core/case-settings.repo.ts";
import { findCase, setHandler } from "../core/cases.repo.ts";
import { mayLink } from "../core/machine.ts";
import { openCase } from "../core/open-case.ts";
import { orgIdOf } from "../core/org-path.ts";
import { orgPathForSubject } from "../core/route-case.ts";
import type { ProtectionState } from "./protection-machine.ts";

/**
 * A report closed as unfounded, which its handler finds was a false accusation (Art 12),
 * opens a protection and 澄清正名 case for the accused member (Art 24): the organization
 * opens it itself, already accepted and with this handler as its handler, for the member
 * the report named (or whom the handler picks from their own scope when it named them only
 * in words). The member is its filer of record, so they follow it, write to the handler and
 * consent to a clarification. Both cases record the link; the member never learns who
 * reported them, and the reporter never learns of the protection case.
 */
export async function openProtectionForAccused(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  reportId: number,
  body: { memberId?: number; description: string },
) {
  return withTx(ctx.db, async (tx) => {
    const filer = await findFiler(tx, reportId);
    const report = requireHandler(actor, await findCase(tx, reportId, true), filer, ctx.cipher);
    if (
      !mayLink(MACHINES[report.caseType], "protection_for_accused", report.state, report.outcome)
    ) {
      throw new InvalidState({
        "zh-CN": "只有经核查反映问题不属实并已办结的举报，才能为被举报党员启动澄清正名与保护",
        "en-US": "Only a report closed as unfounded can open a protection case for the accused",
      });
    }
    if ((await linksOf(tx, report.id)).some((l) => l.linkType === "protection_for_accused")) {
      throw new Conflict({
        "zh-CN": "已为本举报的被举报党员启动过澄清正名与保护",
        "en-US": "A protection case was already opened from this report",
      });
    }
    const memberId = body.memberId ?? report.subjectMemberId;
    const [member] = memberId ? await memberRefsByIds(tx, actor, "members:read", [memberId]) : [];
    if (!member) {
      throw new BadInput("memberId", {
        "zh-CN": "请从本组织及下级的党员中选择被诬告的党员",
        "en-US": "Pick the accused member from your organization",
      });
    }
    const orgPath = await orgPathForSubject(tx, member);
    const settings = await effectiveSettings(tx, orgPath);
    const [account] = await usersOfMembers(tx, [member.id]);
    const opened = await openCase(
      tx,
      ctx,
      { userId: account ?? null, member, anonymous: false },
      {
        caseType: "protection",
        prefix: "BH",
        orgId: orgIdOf(orgPath),
        orgPath,
        // Opened by the organization: there is nothing left to accept.
        state: "assessing" satisfies ProtectionState,
        title: "澄清正名与保护（经核查系诬告）",
        subjectMemberId: member.id,
        details: {},
        linkDigest: null,
        ackDays: settings.ackDays,
        feedbackDays: settings.feedbackDays,
        filed: {
          kind: "false_accusation",
          happenedOn: report.openedOn,
          description: body.description,
          links: [],
          request: "组织依《规定》第二十四条为您澄清正名、提供保护",
        },
        meta: { kind: "false_accusation", openedBy: "organization" },
        notice: "经核查系诬告，已启动澄清正名与保护",
      },
      audit,
    );
    await setHandler(tx, opened.id, actor.userId);
    await insertLink(tx, {
      fromCaseId: report.id,
      toCaseId: opened.id,
      linkType: "protection_for_accused",
      createdBy: actor.userId,
    });
    for (const [caseId, other, direction] of [
      [report.id, opened, "to"],
      [opened.id, report, "from"],
    ] as const) {
      await insertEvent(tx, {
        caseId,
        kind: "linked",
        visibleToFiler: false,
        actorUserId: actor.userId,
        byFiler: false,
        body: null,
        meta: {
          linkType: "protection_for_accused",
          direction,
          caseId: other.id,
          number: other.number,
        },
      });
    }
    await recordAudit(tx, audit, {
      action: "case.link",
      entityType: "case",
      entityId: report.id,
      orgPath: report.orgPath,
      after: { linkType: "protection_for_accused", toCase: opened.id, number: opened.number },
    });
    if (account) {
      await notifyUsers(tx, audit, [account], {
        kind: "case.protection_opened",
        title: `组织已为您启动澄清正名与保护（${opened.number}），可在「举报与保护申请」中查看`,
        link: `/my-cases/${opened.id}`,
        sourceType: "case",
        sourceId: opened.id,
        orgPath,
      });
    }
    return opened;
  });
}
