import type { AuditActor } from "../../platform/audit/record.ts";
import { recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { InvalidState } from "../../platform/errors.ts";
import { orgNotFound } from "./org-errors.ts";
import { authorizeWrite } from "./orgs.policy.ts";
import {
  activeDependents,
  findOrg,
  lockOrgs,
  archiveOrg as markArchived,
  type OrgRow,
} from "./orgs.repo.ts";
import { auditOrg } from "./present-org.ts";

/**
 * Archives (撤销) an org. Nothing is deleted; an org that still has active sub-orgs or members
 * is refused with the numbers, so the secretary knows what to move or archive first.
 */
export async function archiveOrg(
  db: Db,
  actor: Actor,
  auditActor: AuditActor,
  id: number,
  reason: string,
): Promise<OrgRow> {
  authorizeWrite(actor);
  return withTx(db, async (tx) => {
    const org = (await lockOrgs(tx, actor, "orgs:write", [id])).get(id);
    if (!org) throw orgNotFound();
    if (org.archivedAt) {
      throw new InvalidState(
        { "zh-CN": "该党组织已撤销", "en-US": "The organization is already archived" },
        "org_archived",
      );
    }
    const left = await activeDependents(tx, id);
    if (left.children > 0 || left.members > 0) {
      throw new InvalidState(
        {
          "zh-CN": `该党组织仍有 ${left.children} 个下级党组织和 ${left.members} 名党员，请先转移或撤销后再撤销本组织`,
          "en-US": `The organization still has ${left.children} active sub-organizations and ${left.members} active members; move or archive them first`,
        },
        "org_not_empty",
      );
    }
    await markArchived(tx, id, reason);
    const archived = await findOrg(tx, actor, "orgs:read", id);
    if (!archived) throw orgNotFound();
    await recordAudit(tx, auditActor, {
      action: "org.archive",
      entityType: "org",
      entityId: id,
      orgPath: org.path,
      before: auditOrg(org),
      after: { ...auditOrg(archived), reason },
    });
    return archived;
  });
}
