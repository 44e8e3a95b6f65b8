import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput } from "../../../platform/errors.ts";
import { requireManagedOrg } from "../study.policy.ts";
import { insertCampaign, materialsUsableAt } from "./campaigns.repo.ts";
import type { CampaignInput } from "./campaigns.schemas.ts";

/** A draft campaign for an org subtree the caller manages; members see it once published. */
export async function createCampaign(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  input: CampaignInput,
) {
  const org = await requireManagedOrg(db, actor, input.orgId);
  const usable = await materialsUsableAt(db, org.path, input.materialIds);
  if (usable.length !== new Set(input.materialIds).size) {
    throw new BadInput("materialIds", {
      "zh-CN": "所选学习资料不存在，或不属于本组织及其上级组织",
      "en-US": "A chosen material does not exist or belongs to no org above this one",
    });
  }
  return withTx(db, async (tx) => {
    const id = await insertCampaign(tx, actor.userId, org.path, input);
    await recordAudit(tx, audit, {
      action: "study.campaign.create",
      entityType: "study_campaign",
      entityId: id,
      orgPath: org.path,
      after: input,
    });
    return { id };
  });
}
