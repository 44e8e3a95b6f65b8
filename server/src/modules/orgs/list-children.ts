import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { orgNotFound } from "./org-errors.ts";
import { authorizeRead } from "./orgs.policy.ts";
import { listChildren as childrenPage, findOrg, listRoots } from "./orgs.repo.ts";
import type { ChildrenQuery, Org } from "./orgs.schemas.ts";
import { presentOrg } from "./present-org.ts";

/** The tops of the caller's subtrees, where the tree view starts. */
export async function listRootOrgs(db: Queryable, actor: Actor): Promise<Org[]> {
  authorizeRead(actor);
  return (await listRoots(db, actor)).map((row) => presentOrg(actor, row));
}

/** One page of an org's children, each with its counts, for the lazily expanded tree. */
export async function listChildren(
  db: Queryable,
  actor: Actor,
  parentId: number,
  query: ChildrenQuery,
): Promise<{ items: Org[]; total: number; page: number; pageSize: number }> {
  authorizeRead(actor);
  const parent = await findOrg(db, actor, "orgs:read", parentId);
  if (!parent) throw orgNotFound();
  const page = await childrenPage(db, actor, parentId, query);
  return {
    items: page.items.map((row) => presentOrg(actor, row)),
    total: page.total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
