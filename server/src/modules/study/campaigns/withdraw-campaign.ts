import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { InvalidState } from "../../../platform/errors.ts";
import { activeMembersOf } from "../../members/member-directory.ts";
import { notifyMembers } from "../../notifications/send-notification.ts";
import { sittingsOf } from "../attempts/attempts.repo.ts";
import { authorizeManage, campaignNotFound } from "../study.policy.ts";
import { findCampaign, withdrawCampaign as withdraw } from "./campaigns.repo.ts";

/**
 * 撤回: a campaign published by mistake (wrong org, wrong dates, wrong rules) is taken back
 * while nobody has sat its exam, with a reason; every member it reached is told. Once a member
 * has a sitting, their paper and score are records, so it is refused: the campaign runs to
 * its end instead.
 */
export async function withdrawCampaign(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  reason: string,
) {
  authorizeManage(actor);
  return withTx(db, async (tx) => {
    const c = await findCampaign(tx, actor, id, true);
    if (!c) throw campaignNotFound();
    if (c.status !== "published" || Date.parse(c.endsAt) < Date.now()) {
      throw new InvalidState(
        {
          "zh-CN": "只有已发布且未结束的专题学习可以撤回",
          "en-US": "Only a published campaign that has not ended can be withdrawn",
        },
        "study_campaign_not_withdrawable",
      );
    }
    const sittings = (await sittingsOf(tx, [id])).get(id) ?? 0;
    if (sittings > 0) {
      throw new InvalidState(
        {
          "zh-CN": `已有 ${sittings} 人次参加考试，不能撤回；可等其到期结束`,
          "en-US": `${sittings} sitting(s) have started, so it cannot be withdrawn; let it run to its end`,
        },
        "study_campaign_taken",
      );
    }
    await withdraw(tx, id, actor.userId, reason);
    await recordAudit(tx, audit, {
      action: "study.campaign.withdraw",
      entityType: "study_campaign",
      entityId: id,
      orgPath: c.orgPath,
      before: { status: "published" },
      after: { status: "withdrawn", reason },
    });
    const members = await activeMembersOf(tx, c.orgPath);
    const told = await notifyMembers(
      tx,
      audit,
      members.map((m) => m.id),
      {
        kind: "study.withdrawn",
        title: `专题学习已撤回：${c.title}`,
        body: `撤回原因：${reason.replace(/[。；.!！]+$/, "")}。此项学习任务已取消，无需再参加。`,
        link: "/study",
        sourceType: "study_campaign",
        sourceId: String(id),
        orgPath: c.orgPath,
      },
    );
    return { id, status: "withdrawn" as const, notified: told };
  });
}
