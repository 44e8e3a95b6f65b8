import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { breadcrumb } from "./get-org.ts";
import { authorizeRead } from "./orgs.policy.ts";
import { findAncestors, searchOrgs as searchRows } from "./orgs.repo.ts";
import type { OrgSearchPage, SearchQuery } from "./orgs.schemas.ts";
import { presentOrg } from "./present-org.ts";

/**
 * Finds orgs in the caller's scope by a piece of the name or the start of the code. Each
 * match carries its visible ancestors, so the tree can expand straight down to it.
 */
export async function searchOrgs(
  db: Queryable,
  actor: Actor,
  query: SearchQuery,
): Promise<OrgSearchPage> {
  authorizeRead(actor);
  const page = await searchRows(db, actor, query);
  const ancestors = await findAncestors(
    db,
    actor,
    page.items.map((o) => o.path),
  );
  return {
    items: page.items.map((row) => ({
      ...presentOrg(actor, row),
      ancestors: breadcrumb(row.path, ancestors),
    })),
    total: page.total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
