import type { Queryable } from "../../platform/db/pool.ts";
import { userNotFound } from "./get-user.ts";
import { toGrantView } from "./present.ts";
import { type Authority, requireHolds } from "./users.policy.ts";
import { findVisibleUser, listGrants } from "./users.repo.ts";
import type { GrantView } from "./users.schemas.ts";

/** The account's grants at orgs the caller can see; grants elsewhere stay private. */
export async function listUserGrants(
  db: Queryable,
  by: Authority,
  userId: number,
): Promise<{ items: GrantView[] }> {
  requireHolds(by, "users:read");
  if (!(await findVisibleUser(db, by, userId))) throw userNotFound();
  return { items: (await listGrants(db, by, userId)).map(toGrantView) };
}
