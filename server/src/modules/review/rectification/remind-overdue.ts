import { recordAudit, systemActor } from "../../../platform/audit/record.ts";
import type { AppContext } from "../../../platform/context.ts";
import { withTx } from "../../../platform/db/pool.ts";
import { notifyMembers, notifyUsers } from "../../notifications/send-notification.ts";
import { usersHoldingRoleOver } from "../../users/role-holders.ts";
import { takeOverdueForReminder } from "./rectifications.repo.ts";

/**
 * Once a day, every open rectification item past its deadline reminds its owner, the
 * secretary who held the meeting, and every secretary now serving at the meeting's org or
 * above it: the one who scheduled the meeting may have left office since, and the list is
 * the current secretaries' to keep. Items are marked as reminded in the same transaction,
 * so a second run on the same day sends nothing.
 */
export async function remindOverdue(ctx: AppContext): Promise<number> {
  return withTx(ctx.db, async (tx) => {
    const due = await takeOverdueForReminder(tx);
    const secretariesOf = new Map<string, number[]>();
    for (const item of due) {
      const note = {
        kind: "review.rectification_overdue",
        title: "整改事项已逾期",
        body: `${item.problem}（整改期限 ${item.dueOn}）`,
        sourceType: "rectification_item",
        sourceId: String(item.id),
        orgPath: item.orgPath,
      };
      await notifyMembers(tx, systemActor, [item.ownerId], { ...note, link: "/review/mine" });
      let secretaries = secretariesOf.get(item.meetingOrgPath);
      if (!secretaries) {
        secretaries = await usersHoldingRoleOver(tx, "secretary", item.meetingOrgPath);
        secretariesOf.set(item.meetingOrgPath, secretaries);
      }
      const managers = item.createdBy === null ? secretaries : [item.createdBy, ...secretaries];
      if (managers.length > 0) {
        await notifyUsers(tx, systemActor, managers, {
          ...note,
          link: "/review/rectifications?status=overdue",
        });
      }
      await recordAudit(tx, systemActor, {
        action: "review.rectification.remind",
        entityType: "rectification_item",
        entityId: item.id,
        orgPath: item.orgPath,
      });
    }
    return due.length;
  });
}
