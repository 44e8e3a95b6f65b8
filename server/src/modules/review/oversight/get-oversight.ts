import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { scopePaths } from "../../../platform/scope.ts";
import { branchesUnder } from "../../orgs/branches-under.ts";
import { findMemberHomes } from "../../orgs/member-homes.ts";
import { authorize, orgNotFound, REVIEW_OVERSEE } from "../review.policy.ts";
import { type OversightRow, oversightRows } from "./oversight.repo.ts";

/**
 * The committee's view of its branches for a year, a page of branches at a time. Without an org
 * it covers the caller's whole oversight scope; with one, that org's subtree if it lies in the
 * scope.
 */
export async function getOversight(
  db: Queryable,
  actor: Actor,
  query: { orgId?: number; year: number; after?: string; limit: number },
): Promise<{ year: number; items: OversightRow[]; nextCursor: string | null }> {
  authorize(actor, REVIEW_OVERSEE);
  let roots = scopePaths(actor, REVIEW_OVERSEE);
  if (query.orgId !== undefined) {
    const org = (await findMemberHomes(db, actor, REVIEW_OVERSEE, [query.orgId])).get(query.orgId);
    if (!org) throw orgNotFound();
    roots = [org.path];
  }
  const branches = await branchesUnder(db, roots, query);
  return {
    year: query.year,
    items: await oversightRows(db, branches.items, query.year),
    nextCursor: branches.nextCursor,
  };
}
