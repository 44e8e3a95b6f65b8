import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { campaignReaching, markMaterialRead as mark } from "../campaigns/campaigns.repo.ts";
import { campaignNotFound, materialNotFound, requireTaker } from "../study.policy.ts";

/** A member confirms having studied one of a campaign's required materials. */
export async function markMaterialRead(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  campaignId: number,
  materialId: number,
) {
  const member = await requireTaker(db, actor);
  const c = await campaignReaching(db, campaignId, member.orgPath);
  if (!c) throw campaignNotFound();
  if (!c.materialIds.includes(materialId)) throw materialNotFound();
  await withTx(db, async (tx) => {
    if (await mark(tx, c.id, member.id, materialId)) {
      await recordAudit(tx, audit, {
        action: "study.material.read",
        entityType: "study_campaign",
        entityId: c.id,
        orgPath: member.orgPath,
        after: { materialId },
      });
    }
  });
  return { ok: true };
}
