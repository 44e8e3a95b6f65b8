import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import { type Actor, loadActor } from "../../../platform/auth/actor.ts";
import type { AppContext } from "../../../platform/context.ts";
import { withTx } from "../../../platform/db/pool.ts";
import { BadInput, InvalidState } from "../../../platform/errors.ts";
import { notifyUsers } from "../../notifications/send-notification.ts";
import { roleHoldersOver } from "../../users/role-holders.ts";
import { MACHINES } from "../case-types.ts";
import { conflictOf, inHandleScope, requireHandler } from "../cases.policy.ts";
import { findFiler, insertEvent } from "./case-events.repo.ts";
import { findCase, setHandler } from "./cases.repo.ts";

const HANDLER_ROLES = ["secretary", "discipline_officer"] as const;

/**
 * Who the case can be handed to: the secretaries and discipline officers of its org and of
 * every org above it (a case about a secretary already sits one level up, so the secretary
 * is not among them). The member the case names is marked, since the handler sees who that
 * is. Whoever filed is not marked: that would tell the handler who reported.
 */
export async function handlerCandidates(ctx: AppContext, actor: Actor, caseId: number) {
  const filer = await findFiler(ctx.db, caseId);
  const c = requireHandler(actor, await findCase(ctx.db, caseId), filer, ctx.cipher);
  const holders = await roleHoldersOver(ctx.db, HANDLER_ROLES, c.orgPath);
  // Nearest grant first, so someone holding roles at two levels is listed at the nearer one.
  const nearest = holders.filter((h, i) => holders.findIndex((o) => o.userId === h.userId) === i);
  return nearest.map((h) => ({
    userId: h.userId,
    name: h.displayName,
    orgName: h.orgName,
    role: h.role,
    levelsUp: h.levelsUp,
    current: h.userId === c.handlerUserId,
    named: h.memberId !== null && h.memberId === c.subjectMemberId,
  }));
}

const REFUSED = {
  reach: {
    "zh-CN": "该人员不在本案受理组织或其上级组织担任书记、纪检委员，不能承办本案",
    "en-US":
      "That person is not a secretary or discipline officer of this case's organization or above",
  },
  // One message for both kinds of conflict: naming which would tell who filed.
  conflict: {
    "zh-CN":
      "该人员与本案存在利害关系，依回避规定不能承办本案。请另选承办人；本组织无人可承办时，请选择上级组织的人员",
    "en-US":
      "That person is party to this case and must step aside. Choose someone else, from the organization above if need be",
  },
} as const;

/**
 * Assigns or reassigns a case to a handler who reaches it and is not a party to it. A refusal
 * is audited in its own transaction: trying colleagues one by one until one is refused is
 * how a handler could find out who filed, and that search should leave a trail.
 */
export async function assignCase(
  ctx: AppContext,
  actor: Actor,
  audit: AuditActor,
  caseId: number,
  userId: number,
) {
  const outcome = await withTx(ctx.db, async (tx) => {
    const filer = await findFiler(tx, caseId);
    const c = requireHandler(actor, await findCase(tx, caseId, true), filer, ctx.cipher);
    if (MACHINES[c.caseType].states[c.state]?.final) {
      throw new InvalidState({
        "zh-CN": "案件已办结，不能再更换承办人",
        "en-US": "The case is closed",
      });
    }
    const target = await loadActor(tx, userId);
    if (!target || !inHandleScope(target, c)) return { refused: "reach" as const, c };
    if (conflictOf(target, c, filer, ctx.cipher)) return { refused: "conflict" as const, c };
    if (c.handlerUserId === userId) return { refused: null, c };
    await setHandler(tx, c.id, userId);
    await insertEvent(tx, {
      caseId: c.id,
      kind: "assigned",
      visibleToFiler: false,
      actorUserId: actor.userId,
      byFiler: false,
      body: null,
      meta: { handler: target.displayName },
    });
    await recordAudit(tx, audit, {
      action: "case.assign",
      entityType: "case",
      entityId: c.id,
      orgPath: c.orgPath,
      before: { handlerUserId: c.handlerUserId },
      after: { handlerUserId: userId },
    });
    const notice = {
      link: `/cases/${c.id}`,
      sourceType: "case",
      sourceId: c.id,
      orgPath: c.orgPath,
    };
    if (userId !== actor.userId) {
      await notifyUsers(tx, audit, [userId], {
        kind: "case.assigned",
        title: `案件 ${c.number} 已交由您承办`,
        ...notice,
      });
    }
    if (c.handlerUserId !== null && c.handlerUserId !== actor.userId) {
      await notifyUsers(tx, audit, [c.handlerUserId], {
        kind: "case.reassigned",
        title: `案件 ${c.number} 已改由 ${target.displayName} 承办`,
        ...notice,
      });
    }
    return { refused: null, c };
  });
  if (outcome.refused) {
    await withTx(ctx.db, (tx) =>
      recordAudit(tx, audit, {
        action: "case.assign_refused",
        entityType: "case",
        entityId: outcome.c.id,
        orgPath: outcome.c.orgPath,
        after: { userId },
      }),
    );
    const code = outcome.refused === "conflict" ? "step_aside" : "cannot_handle";
    throw new BadInput("userId", REFUSED[outcome.refused], code);
  }
  return { id: caseId, handlerUserId: userId };
}
