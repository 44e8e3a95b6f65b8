import type { AuditActor } from "../../platform/audit/record.ts";
import { recordAudit } from "../../platform/audit/record.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { requirePermission } from "../../platform/auth/plugin.ts";
import { type Db, withTx } from "../../platform/db/pool.ts";
import { Conflict, InvalidState } from "../../platform/errors.ts";
import { orgNotFound } from "./org-errors.ts";
import { assertKindFits, authorizeWrite, mayCreateRoot } from "./orgs.policy.ts";
import {
  findWrittenOrg,
  insertOrg,
  lockOrgs,
  lockRootLevel,
  nextChildCode,
  type OrgRow,
} from "./orgs.repo.ts";
import type { CreateOrgBody } from "./orgs.schemas.ts";
import { auditOrg } from "./present-org.ts";

/**
 * Creates an org under a parent in the caller's write scope, with the next free three-digit
 * code under that parent. A top-level org (no parent) is for system administrators only.
 */
export async function createOrg(
  db: Db,
  actor: Actor,
  auditActor: AuditActor,
  input: CreateOrgBody,
): Promise<OrgRow> {
  authorizeWrite(actor);
  return withTx(db, async (tx) => {
    let parent: OrgRow | null = null;
    if (input.parentId == null) {
      requirePermission(mayCreateRoot(actor));
      await lockRootLevel(tx);
    } else {
      parent =
        (await lockOrgs(tx, actor, "orgs:write", [input.parentId])).get(input.parentId) ?? null;
      if (!parent) throw orgNotFound();
      if (parent.archivedAt) {
        throw new InvalidState(
          {
            "zh-CN": "上级党组织已撤销，不能在其下新建",
            "en-US": "The parent organization is archived",
          },
          "org_archived",
        );
      }
    }
    assertKindFits(input.kind, parent?.kind ?? null);
    const code = await nextChildCode(tx, parent);
    if (!code) {
      throw new Conflict(
        {
          "zh-CN": "该上级党组织下的编码已用尽（最多 999 个下级）",
          "en-US": "No free code left under this parent (999 children at most)",
        },
        "parentId",
        "org_codes_exhausted",
      );
    }
    const id = await insertOrg(tx, { parent, kind: input.kind, name: input.name, code });
    const created = await findWrittenOrg(tx, id);
    if (!created) throw orgNotFound();
    await recordAudit(tx, auditActor, {
      action: "org.create",
      entityType: "org",
      entityId: id,
      orgPath: created.path,
      after: auditOrg(created),
    });
    return created;
  });
}
