import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import { type Db, withTx } from "../../../platform/db/pool.ts";
import { BadInput } from "../../../platform/errors.ts";
import { campaignNotFound, requireCadre } from "../registry.policy.ts";
import { appendDeclarationVersion, declarationFor, findCampaign } from "./declarations.repo.ts";
import type { Declaration, DeclareBody } from "./declarations.schemas.ts";
import { presentDeclaration } from "./read-declarations.ts";

/**
 * The cadre declares for a campaign, or amends what they declared: each save is the next
 * version and the earlier ones stay, so an overseer sees what was said when.
 */
export async function declare(
  db: Db,
  actor: Actor,
  audit: AuditActor,
  campaignId: number,
  body: DeclareBody,
): Promise<Declaration> {
  return withTx(db, async (tx) => {
    const me = await requireCadre(tx, actor);
    const campaign = await findCampaign(tx, null, campaignId, me.orgPath);
    if (!campaign) throw campaignNotFound();
    const id = await declarationFor(tx, campaignId, me.id);
    const version = await appendDeclarationVersion(tx, id, body, actor.userId);
    if (version > 1 && !body.changeNote) {
      throw new BadInput("changeNote", {
        "zh-CN": "更正已报告的事项时，请写明更正原因",
        "en-US": "Say why the declaration is being amended",
      });
    }
    await recordAudit(tx, audit, {
      action: version === 1 ? "registry.declaration.declare" : "registry.declaration.amend",
      entityType: "registry_declaration",
      entityId: id,
      orgPath: me.orgPath,
      after: { version, ...body },
    });
    return presentDeclaration(tx, actor, id);
  });
}
