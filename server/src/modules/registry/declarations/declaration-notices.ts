import { recordAudit, systemActor } from "../../../platform/audit/record.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { notifyMembers } from "../../notifications/send-notification.ts";
import { findCampaign, undeclaredCadres } from "./declarations.repo.ts";

/** Three days before the deadline: the cadres who have not declared are reminded, once. */
export async function remindUndeclared(db: Db, campaignId: number): Promise<number> {
  const c = await findCampaign(db, null, campaignId);
  if (!c || c.overdue) return 0;
  return withTx(db, async (tx) => {
    const due = await undeclaredCadres(tx, c);
    if (due.length === 0) return 0;
    await notifyMembers(tx, systemActor, due, {
      kind: "registry.declaration_due",
      title: `个人有关事项报告即将截止：${c.title}`,
      body: `截止日期 ${c.dueOn}，您尚未报告；没有有关事项的也须报告「无」。`,
      link: `/registry/declare/${c.id}`,
      sourceType: "registry_declaration_campaign",
      sourceId: String(c.id),
      orgPath: c.orgPath,
    });
    await recordAudit(tx, systemActor, {
      action: "registry.declaration.remind",
      entityType: "registry_declaration_campaign",
      entityId: c.id,
      orgPath: c.orgPath,
      after: { members: due },
    });
    return due.length;
  });
}
