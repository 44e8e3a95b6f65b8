import type { Actor } from "../../platform/auth/actor.ts";
import type { Db } from "../../platform/db/pool.ts";
import type { Locale } from "../../platform/i18n.ts";
import { memberTasks } from "./member-tasks.ts";
import { orgSummaries } from "./org-summaries.ts";
import type { Workbench } from "./workbench.schemas.ts";

/**
 * 工作台: the member's own tasks (when the account has a member record) and the open items
 * of the orgs the caller manages. Reads only; every figure comes from its module's use case,
 * scoped as that use case scopes it.
 */
export async function getWorkbench(db: Db, actor: Actor, lang: Locale): Promise<Workbench> {
  const [tasks, orgs] = await Promise.all([
    actor.memberId === null ? null : memberTasks(db, actor, lang),
    orgSummaries(db, actor),
  ]);
  return { tasks, orgs };
}
