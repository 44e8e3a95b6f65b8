import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { chinaToday } from "../../../platform/china-date.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput } from "../../../platform/errors.ts";
import { scheduleJob } from "../../../platform/jobs/schedule.ts";
import { notifyMembers } from "../../notifications/send-notification.ts";
import { findMemberHomes } from "../../orgs/member-homes.ts";
import { authorize, orgNotFound, REGISTRY_MANAGE } from "../registry.policy.ts";
import { findCampaign, insertCampaign, undeclaredCadres } from "./declarations.repo.ts";
import type { DeclarationCampaign, OpenDeclarationCampaignBody } from "./declarations.schemas.ts";

export const DECLARATION_DUE_JOB = "registry_declaration_due_near";

/**
 * The secretary opens a declaration campaign (the year's, or an ad hoc one) for an org and
 * below: the cadres there are told now and reminded three days before the deadline.
 */
export async function openDeclarationCampaign(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  body: OpenDeclarationCampaignBody,
): Promise<DeclarationCampaign> {
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
    const id = await insertCampaign(tx, { ...body, orgPath: org.path, by: actor.userId });
    await recordAudit(tx, audit, {
      action: "registry.declaration.open",
      entityType: "registry_declaration_campaign",
      entityId: id,
      orgPath: org.path,
      after: body,
    });
    await notifyMembers(tx, audit, await undeclaredCadres(tx, { id, orgPath: org.path }), {
      kind: "registry.declaration_opened",
      title: `请报告个人有关事项：${body.title}`,
      body: `请在 ${body.dueOn} 前报告 ${body.periodFrom} 至 ${body.periodTo} 期间收受网络虚拟财物及以职务身份开展网络借贷、直播带货等情况，没有的也须报告「无」。`,
      link: `/registry/declare/${id}`,
      sourceType: "registry_declaration_campaign",
      sourceId: String(id),
      orgPath: org.path,
    });
    const remindAt = new Date(Date.parse(`${body.dueOn}T01:00:00Z`) - 3 * 86_400_000);
    if (remindAt.getTime() > Date.now()) {
      await scheduleJob(
        tx,
        DECLARATION_DUE_JOB,
        { campaignId: id },
        {
          runAt: remindAt,
          jobKey: `${DECLARATION_DUE_JOB}:${id}`,
        },
      );
    }
    const campaign = await findCampaign(tx, actor, id);
    if (!campaign) throw orgNotFound();
    const { orgPath: _, ...shown } = campaign;
    return shown;
  });
}
