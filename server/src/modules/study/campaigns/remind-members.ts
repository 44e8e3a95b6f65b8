import type { AuditActor } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { InvalidState } from "../../../platform/errors.ts";
import { notifyMembers } from "../../notifications/send-notification.ts";
import { campaignMembers } from "./campaign-results.ts";

/**
 * In-app reminders to the members who have not started, or not yet passed. Read receipts
 * come from GET /api/notifications/receipts?sourceType=study_campaign&sourceId=<id>.
 */
export async function remindMembers(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  target: "not_started" | "not_passed",
) {
  const { campaign, items } = await campaignMembers(
    db,
    actor,
    id,
    target === "not_started" ? ["not_started"] : ["not_started", "in_progress", "failed"],
  );
  const ids = items.map((r) => r.memberId);
  if (ids.length === 0) {
    throw new InvalidState(
      { "zh-CN": "没有需要提醒的党员", "en-US": "Nobody needs a reminder" },
      "study_nobody_to_remind",
    );
  }
  const sent = await withTx(db, (tx) =>
    notifyMembers(tx, audit, ids, {
      kind: "study.reminder",
      title: `请按时完成专题学习：${campaign.title}`,
      body:
        target === "not_started"
          ? "您尚未开始本次专题学习和考试。"
          : "您尚未通过本次专题学习考试。",
      link: `/study/tasks/${id}`,
      sourceType: "study_campaign",
      sourceId: String(id),
      orgPath: campaign.orgPath,
    }),
  );
  return { recipients: sent };
}
