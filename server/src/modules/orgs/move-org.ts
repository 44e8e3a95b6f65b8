import type { AuditActor } from "../../platform/audit/record.ts";
import { recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { Conflict, InvalidState } from "../../platform/errors.ts";
import { lockRollups, moveSubtreeTotals } from "../rollups/rollups.repo.ts";
import { orgNotFound } from "./org-errors.ts";
import { assertKindFits, authorizeWrite } from "./orgs.policy.ts";
import { findOrg, lockOrgs, nextChildCode, type OrgRow, rewriteSubtree } from "./orgs.repo.ts";

/**
 * Moves an org and its whole subtree under a new parent, in one transaction: the paths and
 * codes of every org below, and the org_path of every scoped row below (members, meetings,
 * campaigns, rounds, ... every table with an org_path), are rewritten together, so the new
 * parent manages all of it from the commit on and the old parent none of it.
 * The dashboards' rollup totals of the subtree move to the new ancestors in the same
 * transaction. The caller needs write scope over both the org and its new parent.
 */
export async function moveOrg(
  db: Db,
  actor: Actor,
  auditActor: AuditActor,
  id: number,
  newParentId: number,
): Promise<{ org: OrgRow; movedOrgs: number; movedMembers: number }> {
  authorizeWrite(actor);
  return withTx(db, async (tx) => {
    await lockRollups(tx);
    const locked = await lockOrgs(tx, actor, "orgs:write", [id, newParentId]);
    const org = locked.get(id);
    if (!org) throw orgNotFound();
    const parent = locked.get(newParentId);
    if (!parent) throw orgNotFound();
    if (parent.path === org.path || parent.path.startsWith(`${org.path}.`)) {
      throw new Conflict(
        {
          "zh-CN": "不能把党组织移到它自己或它的下级党组织之下",
          "en-US": "An organization cannot be moved under itself or one of its descendants",
        },
        "newParentId",
        "org_cycle",
      );
    }
    if (org.parentId === parent.id) {
      throw new InvalidState(
        { "zh-CN": "该党组织已在此上级之下", "en-US": "The organization is already there" },
        "org_already_there",
      );
    }
    if (org.archivedAt || parent.archivedAt) {
      throw new InvalidState(
        {
          "zh-CN": "已撤销的党组织不能移动，也不能作为新的上级",
          "en-US": "Archived organizations cannot be moved or receive children",
        },
        "org_archived",
      );
    }
    assertKindFits(org.kind, parent.kind, "newParentId");
    const code = await nextChildCode(tx, parent);
    if (!code) {
      throw new Conflict(
        {
          "zh-CN": "新的上级党组织下的编码已用尽（最多 999 个下级）",
          "en-US": "No free code left under the new parent (999 children at most)",
        },
        "newParentId",
        "org_codes_exhausted",
      );
    }
    const moved = await rewriteSubtree(tx, org, parent, code);
    await moveSubtreeTotals(tx, { orgId: id, oldPath: org.path, newParentPath: parent.path });
    const after = await findOrg(tx, actor, "orgs:read", id);
    if (!after) throw orgNotFound();
    await recordAudit(tx, auditActor, {
      action: "org.move",
      entityType: "org",
      entityId: id,
      orgPath: after.path,
      before: { parentId: org.parentId, code: org.code, path: org.path },
      after: {
        parentId: parent.id,
        code: after.code,
        path: after.path,
        movedOrgs: moved.orgs,
        movedRows: moved.rows,
      },
    });
    return { org: after, movedOrgs: moved.orgs, movedMembers: moved.rows.members ?? 0 };
  });
}
