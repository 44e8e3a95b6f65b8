import type { Actor } from "../../platform/auth/actor.ts";
import { orgAbilities } from "./orgs.policy.ts";
import type { OrgRow } from "./orgs.repo.ts";
import type { Org } from "./orgs.schemas.ts";

/** An org row as the API shows it: the row plus what the caller may do with it. */
export function presentOrg(actor: Actor, row: OrgRow): Org {
  return { ...row, can: orgAbilities(actor, row) };
}

/** Before/after of an org for the audit log. */
export function auditOrg(row: OrgRow) {
  return {
    name: row.name,
    kind: row.kind,
    code: row.code,
    path: row.path,
    parentId: row.parentId,
    archivedAt: row.archivedAt,
  };
}
