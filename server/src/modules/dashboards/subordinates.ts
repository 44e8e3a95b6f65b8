import { type Actor, can } from "../../platform/auth/actor.ts";
import { requirePermission } from "../../platform/auth/plugin.ts";
import { chinaMinute } from "../../platform/china-date.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { NotFound } from "../../platform/errors.ts";
import { findMemberHomes } from "../orgs/member-homes.ts";
import { lastFoldedAt } from "../rollups/rollups.repo.ts";
import type { Subordinates } from "./dashboards.schemas.ts";
import { subordinateFacts } from "./subordinates.repo.ts";

const SCOPE = "members:read" as const;

/**
 * 下级组织对比: the org's direct subordinates, those most behind first — overdue
 * rectifications, then branches that held no 组织生活会 this year, then the lowest share of
 * members who passed an exam this year. A committee drills down by opening a row, which is
 * the same view one level lower. Needs only the member read scope over the org.
 */
export async function subordinates(
  db: Queryable,
  actor: Actor,
  orgId: number,
  year: number,
): Promise<{ view: Subordinates; orgPath: string }> {
  requirePermission(can(actor, SCOPE));
  const org = (await findMemberHomes(db, actor, SCOPE, [orgId])).get(orgId);
  if (!org) throw new NotFound({ "zh-CN": "组织", "en-US": "Organization" });
  const facts = await subordinateFacts(db, {
    parentId: org.id,
    yearStart: `${year}-01-01`,
    yearEnd: `${year + 1}-01-01`,
  });
  const rows = facts
    .map((f) => ({
      orgId: f.id,
      name: f.name,
      kind: f.kind as Subordinates["rows"][number]["kind"],
      members: f.members,
      passed: f.passed,
      passRate: f.members === 0 ? null : Math.round((1000 * f.passed) / f.members) / 10,
      branches: f.branches,
      branchesWithoutMeeting: f.branches_without_meeting,
      rectificationsOpen: f.rect_open,
      rectificationsOverdue: f.rect_overdue,
    }))
    .sort(
      (a, b) =>
        b.rectificationsOverdue - a.rectificationsOverdue ||
        b.branchesWithoutMeeting - a.branchesWithoutMeeting ||
        (a.passRate ?? 101) - (b.passRate ?? 101) ||
        a.name.localeCompare(b.name, "zh-CN"),
    );
  const folded = await lastFoldedAt(db);
  return {
    view: {
      org: { id: org.id, name: org.name },
      year,
      rows,
      foldedAt: folded && chinaMinute(folded),
    },
    orgPath: org.path,
  };
}
