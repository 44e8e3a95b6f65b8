import type { Queryable } from "../../platform/db/pool.ts";
import { NotFound } from "../../platform/errors.ts";
import { toUserView } from "./present.ts";
import { type Authority, requireHolds } from "./users.policy.ts";
import { findVisibleUser } from "./users.repo.ts";
import type { UserView } from "./users.schemas.ts";

export const userNotFound = () => new NotFound({ "zh-CN": "用户", "en-US": "User" });

export async function getUser(db: Queryable, by: Authority, userId: number): Promise<UserView> {
  requireHolds(by, "users:read");
  const row = await findVisibleUser(db, by, userId);
  if (!row) throw userNotFound();
  return toUserView(row, by);
}
