import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { chinaToday } from "../../../platform/china-date.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput, Conflict } from "../../../platform/errors.ts";
import { scheduleJob } from "../../../platform/jobs/schedule.ts";
import { notifyMembers } from "../../notifications/send-notification.ts";
import { findMemberHomes } from "../../orgs/member-homes.ts";
import { authorize, orgNotFound, REGISTRY_MANAGE } from "../registry.policy.ts";
import { findCampaign, insertCampaign, unsignedCadres } from "./attestation.repo.ts";
import type { Campaign, OpenCampaignBody } from "./attestation.schemas.ts";

export const DUE_NEAR_JOB = "registry_attestation_due_near";
export const OVERDUE_JOB = "registry_attestation_overdue";
const REMIND_DAYS_BEFORE = 3;

/** 09:00 in China on the day `days` after `date`, as an instant. */
function morningOf(date: string, days: number): Date {
  return new Date(Date.parse(`${date}T01:00:00Z`) + days * 86_400_000);
}

/**
 * The secretary opens the year's re-attestation for an org and below: every cadre there is
 * told in their inbox now, the ones still unsigned are reminded three days before the
 * deadline, and the secretaries get the overdue list the morning after it.
 */
export async function openCampaign(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  body: OpenCampaignBody,
): Promise<Campaign> {
  authorize(actor, REGISTRY_MANAGE);
  const today = chinaToday();
  if (body.dueOn < today) {
    throw new BadInput("dueOn", {
      "zh-CN": `截止日期不能早于今天（${today}）`,
      "en-US": `The deadline cannot be before today (${today})`,
    });
  }
  return withTx(db, async (tx) => {
    const org = (await findMemberHomes(tx, actor, REGISTRY_MANAGE, [body.orgId])).get(body.orgId);
    if (!org || org.archived) throw orgNotFound();
    const title = body.title ?? `${body.year}年度网络公众账号登记确认`;
    const id = await insertCampaign(tx, {
      orgId: org.id,
      orgPath: org.path,
      year: body.year,
      title,
      dueOn: body.dueOn,
      by: actor.userId,
    });
    if (id === null) {
      throw new Conflict(
        {
          "zh-CN": `${org.name}已发起${body.year}年度的确认`,
          "en-US": `${org.name} already has an attestation for ${body.year}`,
        },
        "year",
      );
    }
    await recordAudit(tx, audit, {
      action: "registry.attestation.open",
      entityType: "registry_attestation_campaign",
      entityId: id,
      orgPath: org.path,
      after: { ...body, title },
    });
    await notifyMembers(tx, audit, await unsignedCadres(tx, { id, orgPath: org.path }), {
      kind: "registry.attestation_opened",
      title: `请确认网络公众账号登记：${title}`,
      body: `请在 ${body.dueOn} 前核对本人登记的网络公众账号，确认完整、真实后输入密码签名。`,
      link: `/registry/attest/${id}`,
      sourceType: "registry_attestation_campaign",
      sourceId: String(id),
      orgPath: org.path,
    });
    const remindAt = morningOf(body.dueOn, -REMIND_DAYS_BEFORE);
    if (remindAt.getTime() > Date.now()) {
      await scheduleJob(
        tx,
        DUE_NEAR_JOB,
        { campaignId: id },
        { runAt: remindAt, jobKey: `${DUE_NEAR_JOB}:${id}` },
      );
    }
    await scheduleJob(
      tx,
      OVERDUE_JOB,
      { campaignId: id },
      { runAt: morningOf(body.dueOn, 1), jobKey: `${OVERDUE_JOB}:${id}` },
    );
    const campaign = await findCampaign(tx, actor, id);
    if (!campaign) throw orgNotFound();
    const { orgPath: _, ...shown } = campaign;
    return shown;
  });
}
