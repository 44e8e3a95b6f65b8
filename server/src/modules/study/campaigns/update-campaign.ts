import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput, InvalidState } from "../../../platform/errors.ts";
import { authorizeManage, campaignNotFound, requireManagedOrg } from "../study.policy.ts";
import { findCampaign, materialsUsableAt, updateCampaign as update } from "./campaigns.repo.ts";
import type { CampaignInput } from "./campaigns.schemas.ts";

/**
 * Rewrites a draft campaign: title, dates, org, materials and exam rules. Once published,
 * members may already be reading or sitting it, so every change is refused (409): a paper
 * drawn under one set of rules must be scored and compared under the same rules.
 */
export async function updateCampaign(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  id: number,
  input: CampaignInput,
) {
  authorizeManage(actor);
  return withTx(db, async (tx) => {
    const c = await findCampaign(tx, actor, id, true);
    if (!c) throw campaignNotFound();
    if (c.status !== "draft") {
      throw new InvalidState(
        {
          "zh-CN": "专题学习已发布，不能再修改",
          "en-US": "This campaign is published and can no longer be edited",
        },
        "study_campaign_published",
      );
    }
    // Moving it to another org needs that org to be managed too, and its materials usable there.
    const org = await requireManagedOrg(tx, actor, input.orgId);
    const usable = await materialsUsableAt(tx, org.path, input.materialIds);
    if (usable.length !== new Set(input.materialIds).size) {
      throw new BadInput("materialIds", {
        "zh-CN": "所选学习资料不存在，或不属于本组织及其上级组织",
        "en-US": "A chosen material does not exist or belongs to no org above this one",
      });
    }
    await update(tx, id, org.path, input);
    const { orgPath: _p, id: _id, status: _s, ...before } = c;
    await recordAudit(tx, audit, {
      action: "study.campaign.update",
      entityType: "study_campaign",
      entityId: id,
      orgPath: org.path,
      before,
      after: input,
    });
    return { id, status: "draft" as const };
  });
}
