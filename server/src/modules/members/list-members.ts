import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { countScopedMembers, findMemberHomes } from "../orgs/member-homes.ts";
import { authorize } from "./members.policy.ts";
import { countableFromRollup, countMembers, listMembers as listRows } from "./members.repo.ts";
import type { ListMembersQuery, Member } from "./members.schemas.ts";
import { presentMembers } from "./present-member.ts";

/**
 * One page of the roster in the caller's scope. An org filter outside the scope gives an empty
 * page, as does an unknown org. Unless a name is searched or archived members are included,
 * the total comes from the per-org counts instead of counting member rows.
 */
export async function listMembers(
  db: Queryable,
  actor: Actor,
  query: ListMembersQuery,
): Promise<{ items: Member[]; total: number; page: number; pageSize: number }> {
  authorize(actor, "list");
  const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  let orgPath: string | null = null;
  if (query.orgId !== undefined) {
    const home = (await findMemberHomes(db, actor, "members:read", [query.orgId])).get(query.orgId);
    if (!home) return empty;
    orgPath = home.path;
  }
  const filter = { ...query, orgPath };
  const [rows, total] = await Promise.all([
    listRows(db, actor, filter),
    countableFromRollup(filter)
      ? countScopedMembers(db, actor, "members:read", orgPath, {
          status: query.status,
          isCadre: query.isCadre,
        })
      : countMembers(db, actor, filter),
  ]);
  return {
    items: await presentMembers(db, actor, rows),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
