import { type Actor, can } from "../../platform/auth/actor.ts";
import { requirePermission } from "../../platform/auth/plugin.ts";
import { BadInput } from "../../platform/errors.ts";
import { pathInScope } from "../../platform/scope.ts";
import type { Org, OrgKind } from "./orgs.schemas.ts";

/**
 * Which kind of org may sit under which (党章 and the 基层组织工作条例): 党委 under 党委,
 * 党总支 under 党委, 党支部 under 党委 or 党总支, 党小组 under 党支部. A root is a 党委.
 */
export const ALLOWED_PARENTS: Record<OrgKind, readonly OrgKind[]> = {
  committee: ["committee"],
  general_branch: ["committee"],
  branch: ["committee", "general_branch"],
  group: ["branch"],
};

const KIND_TEXT: Record<OrgKind, string> = {
  committee: "党委",
  general_branch: "党总支",
  branch: "党支部",
  group: "党小组",
};

export function assertKindFits(kind: OrgKind, parentKind: OrgKind | null, field = "kind") {
  if (parentKind === null) {
    if (kind !== "committee") {
      throw new BadInput(field, {
        "zh-CN": "顶层党组织只能是党委",
        "en-US": "A top-level organization must be a committee",
      });
    }
    return;
  }
  if (!ALLOWED_PARENTS[kind].includes(parentKind)) {
    throw new BadInput(field, {
      "zh-CN": `${KIND_TEXT[kind]}不能设在${KIND_TEXT[parentKind]}之下`,
      "en-US": `A ${kind} cannot sit under a ${parentKind}`,
    });
  }
}

/** Reading the tree needs orgs:read somewhere; where is decided by the repo's scope clause. */
export function authorizeRead(actor: Actor) {
  requirePermission(can(actor, "orgs:read"));
}

export function authorizeWrite(actor: Actor) {
  requirePermission(can(actor, "orgs:write"));
}

/** Only a system administrator creates a top-level organization. */
export function mayCreateRoot(actor: Actor): boolean {
  return actor.grants.some((g) => g.role === "system_admin");
}

/** The caller's abilities on one org, returned with it so the UI follows the server's rules. */
export function orgAbilities(
  actor: Actor,
  org: { path: string; kind: OrgKind; archivedAt: string | null; parentId: number | null },
): Org["can"] {
  const writable = org.archivedAt === null && pathInScope(actor, "orgs:write", org.path);
  return {
    createChild: writable && org.kind !== "group",
    rename: writable,
    move: writable,
    archive: writable,
  };
}
