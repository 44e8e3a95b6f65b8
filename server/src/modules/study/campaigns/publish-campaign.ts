import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { InvalidState } from "../../../platform/errors.ts";
import { shortfalls } from "../attempts/paper.ts";
import { approvedPool } from "../bank/questions.repo.ts";
import { authorizeManage, campaignNotFound } from "../study.policy.ts";
import { announceCampaign } from "./campaign-notices.ts";
import { findCampaign, publishCampaign as publish } from "./campaigns.repo.ts";

/**
 * Publishing makes the campaign reach every member of the subtree, and tells them so. It is refused while the
 * approved bank cannot fill the paper rules, so no member ever meets a short paper.
 */
export async function publishCampaign(db: Db, actor: Actor, audit: AuditActor, id: number) {
  authorizeManage(actor);
  return withTx(db, async (tx) => {
    const c = await findCampaign(tx, actor, id, true);
    if (!c) throw campaignNotFound();
    if (c.status !== "draft") {
      throw new InvalidState({
        "zh-CN": "该专题学习已发布",
        "en-US": "This campaign is already published",
      });
    }
    const short = shortfalls(c.rules, await approvedPool(tx, c.orgPath));
    if (short.length > 0) {
      const missing = short.reduce((n, s) => n + s.missing, 0);
      throw new InvalidState(
        {
          "zh-CN": `题库中已审核的试题不足，按抽题规则还差 ${missing} 道`,
          "en-US": `The approved bank is ${missing} question(s) short of the paper rules`,
        },
        "study_bank_short",
      );
    }
    await publish(tx, id);
    await recordAudit(tx, audit, {
      action: "study.campaign.publish",
      entityType: "study_campaign",
      entityId: id,
      orgPath: c.orgPath,
      before: { status: "draft" },
      after: { status: "published" },
    });
    await announceCampaign(tx, audit, c);
    return { id, status: "published" as const };
  });
}
