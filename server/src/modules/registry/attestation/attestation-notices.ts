import { recordAudit, systemActor } from "../../../platform/audit/record.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { notifyMembers, notifyUsers } from "../../notifications/send-notification.ts";
import { usersHoldingRoleOver } from "../../users/role-holders.ts";
import { findCampaign, unsignedCadres } from "./attestation.repo.ts";

/** Three days before the deadline: the cadres who have not signed are reminded, once. */
export async function remindBeforeDue(db: Db, campaignId: number): Promise<number> {
  const c = await findCampaign(db, null, campaignId);
  if (!c || c.overdue) return 0;
  return withTx(db, async (tx) => {
    const due = await unsignedCadres(tx, c);
    if (due.length === 0) return 0;
    await notifyMembers(tx, systemActor, due, {
      kind: "registry.attestation_due",
      title: `网络公众账号登记确认即将截止：${c.title}`,
      body: `截止日期 ${c.dueOn}，您尚未签名确认。`,
      link: `/registry/attest/${c.id}`,
      sourceType: "registry_attestation_campaign",
      sourceId: String(c.id),
      orgPath: c.orgPath,
    });
    await recordAudit(tx, systemActor, {
      action: "registry.attestation.remind",
      entityType: "registry_attestation_campaign",
      entityId: c.id,
      orgPath: c.orgPath,
      after: { members: due },
    });
    return due.length;
  });
}

/**
 * The morning after the deadline: the secretaries over the campaign's org get the number still
 * unsigned and a link to the overdue list; the cadres themselves are told it is overdue.
 */
export async function noticeOverdue(db: Db, campaignId: number): Promise<number> {
  const c = await findCampaign(db, null, campaignId);
  if (!c) return 0;
  return withTx(db, async (tx) => {
    const due = await unsignedCadres(tx, c);
    if (due.length === 0) return 0;
    const note = {
      sourceType: "registry_attestation_campaign",
      sourceId: String(c.id),
      orgPath: c.orgPath,
    };
    await notifyMembers(tx, systemActor, due, {
      ...note,
      kind: "registry.attestation_overdue",
      title: `网络公众账号登记确认已逾期：${c.title}`,
      body: `截止日期 ${c.dueOn} 已过，请尽快核对并签名确认。`,
      link: `/registry/attest/${c.id}`,
    });
    const secretaries = await usersHoldingRoleOver(tx, "secretary", c.orgPath);
    if (secretaries.length > 0) {
      await notifyUsers(tx, systemActor, secretaries, {
        ...note,
        kind: "registry.attestation_overdue_list",
        title: `${c.orgName}：${due.length}名党员干部逾期未确认网络公众账号登记`,
        body: `${c.title}，截止日期 ${c.dueOn}。`,
        link: `/registry/campaigns/${c.id}?status=unsigned`,
      });
    }
    await recordAudit(tx, systemActor, {
      action: "registry.attestation.remind",
      entityType: "registry_attestation_campaign",
      entityId: c.id,
      orgPath: c.orgPath,
      after: { members: due, overdue: true },
    });
    return due.length;
  });
}

export function parseCampaignPayload(payload: unknown): number | null {
  const id = (payload as { campaignId?: unknown } | null)?.campaignId;
  return typeof id === "number" && Number.isSafeInteger(id) && id > 0 ? id : null;
}
