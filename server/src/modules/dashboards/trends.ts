import { type Actor, can } from "../../platform/auth/actor.ts";
import { requirePermission } from "../../platform/auth/plugin.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { NotFound } from "../../platform/errors.ts";
import { findMemberHomes } from "../orgs/member-homes.ts";
import { type Metric, readRollups } from "../rollups/rollups.repo.ts";
import type { TrendMonth, Trends } from "./dashboards.schemas.ts";

const SCOPE = "members:read" as const;

/**
 * 按月趋势: the twelve months of a year over the org's whole subtree, read by key from the
 * rollups (a fixed number of rows whatever the subtree's size), so a county or a province
 * reads as fast as a branch. Figures are as of the last fold, about a minute behind.
 */
export async function trends(
  db: Queryable,
  actor: Actor,
  orgId: number,
  year: number,
): Promise<Trends> {
  requirePermission(can(actor, SCOPE));
  const org = (await findMemberHomes(db, actor, SCOPE, [orgId])).get(orgId);
  if (!org) throw new NotFound({ "zh-CN": "组织", "en-US": "Organization" });
  const { rows, before } = await readRollups(db, actor, SCOPE, {
    orgId: org.id,
    from: `${year}-01-01`,
    to: `${year + 1}-01-01`,
  });
  const byMonth = new Map<string, Partial<Record<Metric, number>>>();
  for (const r of rows) {
    const month = byMonth.get(r.month) ?? {};
    month[r.metric] = r.subtree;
    byMonth.set(r.month, month);
  }
  let members = before.members ?? 0;
  const months: TrendMonth[] = [];
  for (let m = 1; m <= 12; m++) {
    const key = `${year}-${String(m).padStart(2, "0")}`;
    const got = byMonth.get(key) ?? {};
    members += got.members ?? 0;
    months.push({
      month: key,
      members,
      examPassed: got.exam_passed ?? 0,
      meetingsHeld: got.meetings_held ?? 0,
      rectificationsOpened: got.rect_opened ?? 0,
      rectificationsClosed: got.rect_closed ?? 0,
    });
  }
  return { org: { id: org.id, name: org.name }, year, months };
}
