import type { Queryable } from "../../../platform/db/pool.ts";
import { usersOfMembers } from "../../notifications/notifications.repo.ts";
import { usersHoldingRoleOver } from "../../users/role-holders.ts";
import { parentPath } from "./org-path.ts";

/**
 * Where a case about a member is handled: their own org, or the org one level up when they
 * are a secretary there, so that nobody handles a case about themselves and their deputies
 * are not asked to judge their own secretary.
 */
export async function orgPathForSubject(
  db: Queryable,
  subject: { id: number; orgPath: string },
): Promise<string> {
  const secretaries = await usersHoldingRoleOver(db, "secretary", subject.orgPath);
  const accounts = await usersOfMembers(db, [subject.id]);
  return accounts.some((u) => secretaries.includes(u))
    ? parentPath(subject.orgPath)
    : subject.orgPath;
}
