import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { BadInput } from "../../platform/errors.ts";
import { countScopedMembers, findMemberHomes } from "../orgs/member-homes.ts";
import { authorize } from "./members.policy.ts";
import { countableFromRollup, countMembers, listMembers as listRows } from "./members.repo.ts";
import type { ListMembersQuery, MemberPage } from "./members.schemas.ts";
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
): Promise<MemberPage> {
  authorize(actor, "list");
  const empty = {
    items: [],
    total: 0,
    page: query.page,
    pageSize: query.pageSize,
    hasMore: false,
    nextCursor: null,
  };
  const afterId = cursorId(query);
  let orgPath: string | null = null;
  if (query.orgId !== undefined) {
    const home = (await findMemberHomes(db, actor, "members:read", [query.orgId])).get(query.orgId);
    if (!home) return empty;
    orgPath = home.path;
  }
  const filter = { ...query, orgPath, afterId };
  const [{ rows, hasMore }, total] = await Promise.all([
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
    hasMore,
    nextCursor: hasMore ? `${query.sort}:${query.order}:${rows.at(-1)?.id}` : null,
  };
}

/** The member id a cursor names; a cursor made for another sort or order is the caller's mistake. */
function cursorId(query: ListMembersQuery): number | undefined {
  if (query.after === undefined) return undefined;
  const [sort, order, id] = query.after.split(":");
  if (sort !== query.sort || order !== query.order) {
    throw new BadInput("after", {
      "zh-CN": "翻页游标与当前排序不符，请从第一页重新查看",
      "en-US": "The cursor belongs to another sort order; start again from the first page",
    });
  }
  return Number(id);
}
