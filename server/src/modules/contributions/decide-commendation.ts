import { type AuditActor, recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { chinaToday } from "../../platform/china-date.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { BadInput, Forbidden } from "../../platform/errors.ts";
import { pathInScope } from "../../platform/scope.ts";
import { notifyMembers } from "../notifications/send-notification.ts";
import { decideCommendation, lockCommendation } from "./commendations.repo.ts";
import {
  APPROVE,
  authorize,
  commendationNotFound,
  requireProposed,
} from "./contributions.policy.ts";
import { type ApproveBody, type Commendation, LEVEL_TEXT } from "./contributions.schemas.ts";
import { presentCommendation } from "./present-commendation.ts";

export type Decision = ({ approve: true } & ApproveBody) | { approve: false; reason: string };

/**
 * The organization decides a proposal: approves it with the date and the meeting or document
 * number that decided it, or declines it with a reason. The proposer may not decide their own
 * proposal (the table refuses it too). An approval tells the member in their inbox.
 */
export async function decide(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  decision: Decision,
): Promise<Commendation> {
  authorize(actor, APPROVE);
  if (decision.approve && decision.approvedOn > chinaToday()) {
    throw new BadInput("approvedOn", {
      "zh-CN": "批准日期不能晚于今天",
      "en-US": "The approval date cannot be in the future",
    });
  }
  return withTx(db, async (tx) => {
    const row = await lockCommendation(tx, id);
    if (!row || !pathInScope(actor, APPROVE, row.orgPath)) throw commendationNotFound();
    if (row.proposedBy === actor.userId) {
      throw new Forbidden({
        "zh-CN": "表彰建议须由提出人以外的组织负责人审批",
        "en-US": "A commendation is approved by someone other than its proposer",
      });
    }
    requireProposed(row.state);
    await decideCommendation(tx, id, actor.userId, decision);
    await recordAudit(tx, audit, {
      action: decision.approve ? "commendation.approve" : "commendation.decline",
      entityType: "commendation",
      entityId: id,
      orgPath: row.orgPath,
      before: { state: row.state },
      after: decision,
    });
    const c = await presentCommendation(tx, actor, id);
    if (decision.approve) {
      await notifyMembers(tx, audit, [row.memberId], {
        kind: "commendation.approved",
        title: `您获得表彰：${c.title}`,
        body: `${LEVEL_TEXT[c.level]}表彰，${decision.approvedOn}批准（${decision.documentNo}）。`,
        link: "/contributions",
        sourceType: "commendation",
        sourceId: id,
        orgPath: row.orgPath,
      });
    }
    return c;
  });
}
