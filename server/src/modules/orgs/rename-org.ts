import type { AuditActor } from "../../platform/audit/record.ts";
import { recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { InvalidState } from "../../platform/errors.ts";
import { orgNotFound } from "./org-errors.ts";
import { authorizeWrite } from "./orgs.policy.ts";
import { findOrg, lockOrgs, type OrgRow, updateOrgName } from "./orgs.repo.ts";

export async function renameOrg(
  db: Db,
  actor: Actor,
  auditActor: AuditActor,
  id: number,
  name: string,
): Promise<OrgRow> {
  authorizeWrite(actor);
  return withTx(db, async (tx) => {
    const org = (await lockOrgs(tx, actor, "orgs:write", [id])).get(id);
    if (!org) throw orgNotFound();
    if (org.archivedAt) {
      throw new InvalidState(
        {
          "zh-CN": "已撤销的党组织不能改名",
          "en-US": "An archived organization cannot be renamed",
        },
        "org_archived",
      );
    }
    await updateOrgName(tx, id, name);
    await recordAudit(tx, auditActor, {
      action: "org.rename",
      entityType: "org",
      entityId: id,
      orgPath: org.path,
      before: { name: org.name },
      after: { name },
    });
    const renamed = await findOrg(tx, actor, "orgs:read", id);
    if (!renamed) throw orgNotFound();
    return renamed;
  });
}
