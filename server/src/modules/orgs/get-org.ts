import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { orgNotFound } from "./org-errors.ts";
import { authorizeRead } from "./orgs.policy.ts";
import { findAncestors, findOrg } from "./orgs.repo.ts";
import type { OrgDetail, OrgRef } from "./orgs.schemas.ts";
import { presentOrg } from "./present-org.ts";

/** Ancestors of `path` that the caller may see, root first (the breadcrumb). */
export function breadcrumb(path: string, visible: Map<number, OrgRef>): OrgRef[] {
  return path
    .split(".")
    .slice(0, -1)
    .map(Number)
    .flatMap((id) => {
      const ref = visible.get(id);
      return ref ? [ref] : [];
    });
}

export async function getOrg(db: Queryable, actor: Actor, id: number): Promise<OrgDetail> {
  authorizeRead(actor);
  const org = await findOrg(db, actor, "orgs:read", id);
  if (!org) throw orgNotFound();
  const ancestors = await findAncestors(db, actor, [org.path]);
  return { ...presentOrg(actor, org), ancestors: breadcrumb(org.path, ancestors) };
}
