import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { Conflict } from "../../../platform/errors.ts";
import { confirmOwnPassword } from "../../auth/confirm-password.ts";
import { currentVersions } from "../accounts/accounts.repo.ts";
import { campaignNotFound, requireCadre } from "../registry.policy.ts";
import { findCampaign, insertAttestation } from "./attestation.repo.ts";
import type { MyAttestation } from "./attestation.schemas.ts";
import { myAttestation } from "./read-campaigns.ts";

/** What the cadre's signature says, in the words of the register as it stands. */
export function statementFor(accounts: { status: string }[]): string {
  const active = accounts.filter((a) => a.status === "active").length;
  return accounts.length === 0
    ? "本人确认：本人没有注册、使用和管理网络公众账号。"
    : `本人确认：本人注册、使用和管理的网络公众账号已全部如实登记，共${accounts.length}个（其中在用${active}个），登记内容完整、真实。`;
}

/**
 * The cadre signs the year's attestation: the password is checked first (a wrong one is
 * refused, audited and counted like a failed sign-in), then the accounts and versions as they
 * stand are recorded with the statement, once per campaign.
 */
export async function signAttestation(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  campaignId: number,
  password: string,
): Promise<MyAttestation> {
  const me = await requireCadre(db, actor);
  const campaign = await findCampaign(db, null, campaignId, me.orgPath);
  if (!campaign) throw campaignNotFound();
  await confirmOwnPassword(db, actor, audit, password, "registry.attestation.sign_failed");
  return withTx(db, async (tx) => {
    const accounts = await currentVersions(tx, me.id);
    const statement = statementFor(accounts);
    const confirmed = accounts.map(({ id, version }) => ({ id, version }));
    const id = await insertAttestation(tx, {
      campaignId,
      memberId: me.id,
      userId: actor.userId,
      confirmed,
      statement,
    });
    if (id === null) {
      throw new Conflict(
        { "zh-CN": "您已签名确认过本次登记", "en-US": "You have already signed this attestation" },
        undefined,
        "already_signed",
      );
    }
    await recordAudit(tx, audit, {
      action: "registry.attestation.sign",
      entityType: "registry_attestation_campaign",
      entityId: campaignId,
      orgPath: me.orgPath,
      after: { member: me.id, confirmed, statement },
    });
    return myAttestation(tx, me, campaignId);
  });
}
