import type { Queryable } from "../../platform/db/pool.ts";
import { toUserView } from "./present.ts";
import { type Authority, requireHolds } from "./users.policy.ts";
import { listUsers as queryUsers } from "./users.repo.ts";
import type { UserListQuery, UserListResponse } from "./users.schemas.ts";

export async function listUsers(
  db: Queryable,
  by: Authority,
  query: UserListQuery,
): Promise<UserListResponse> {
  requireHolds(by, "users:read");
  const { rows, total } = await queryUsers(db, by, query);
  return {
    items: rows.map((row) => toUserView(row, by)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
