import { type Actor, can } from "../../platform/auth/actor.ts";
import { requirePermission } from "../../platform/auth/plugin.ts";
import { chinaMinute } from "../../platform/china-date.ts";
import type { Queryable } from "../../platform/db/pool.ts";
import { NotFound } from "../../platform/errors.ts";
import { pathInScope } from "../../platform/scope.ts";
import { CASES_HANDLE } from "../cases/cases.policy.ts";
import { floorCount } from "../cases/discipline/small-counts.ts";
import { findMemberHomes } from "../orgs/member-homes.ts";
import { REVIEW_MANAGE, REVIEW_OVERSEE } from "../review/review.policy.ts";
import { lastFoldedAt, type Metric, readRollups } from "../rollups/rollups.repo.ts";
import type { TrendMonth, Trends } from "./dashboards.schemas.ts";

const SCOPE = "members:read" as const;

/**
 * 按月趋势: the twelve months of a year over the org's whole subtree, read by key from the
 * rollups (a fixed number of rows whatever the subtree's size), so a county or a province
 * reads as fast as a branch. Figures are as of the last fold (foldedAt), about a minute behind.
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
  // Case counts only for a caller who may handle cases over this org, as on the implementation
  // map; discipline cases under the floor of the discipline statistics.
  // 民主评议 grades only for a caller who may read the org's rounds, as the oversight page.
  const shown = {
    cases: pathInScope(actor, CASES_HANDLE, org.path),
    grades:
      pathInScope(actor, REVIEW_MANAGE, org.path) || pathInScope(actor, REVIEW_OVERSEE, org.path),
  };
  const folded = await lastFoldedAt(db);
  return {
    org: { id: org.id, name: org.name },
    year,
    months: twelveMonths(rows, before, year, shown),
    foldedAt: folded && chinaMinute(folded),
  };
}

/**
 * The year's twelve months from subtree totals by metric and month, and `before`, each
 * metric's total over the months before the year (the opening level of members); `shown` says
 * whether the case counts and the 民主评议 grades go to this reader (null otherwise). The
 * national node folds the provinces' replicated rows through the same function.
 */
export function twelveMonths(
  rows: { metric: Metric; month: string; subtree: number }[],
  before: Partial<Record<string, number>>,
  year: number,
  shown: { cases: boolean; grades: boolean },
): TrendMonth[] {
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
      selfReviewsSubmitted: got.self_reviews_submitted ?? 0,
      selfReviewsReturned: got.self_reviews_returned ?? 0,
      evaluationsClosed: got.evaluations_closed ?? 0,
      declarations: got.declarations ?? 0,
      commendations: got.commendations ?? 0,
      campaignsPublished: got.campaigns_published ?? 0,
      campaignsCompleted: got.campaigns_completed ?? 0,
      practiceDays: got.practice_days ?? 0,
      gradeExcellent: shown.grades ? (got.grade_excellent ?? 0) : null,
      gradeCompetent: shown.grades ? (got.grade_competent ?? 0) : null,
      gradeBasicallyCompetent: shown.grades ? (got.grade_basically_competent ?? 0) : null,
      gradeIncompetent: shown.grades ? (got.grade_incompetent ?? 0) : null,
      reportsReceived: shown.cases ? (got.reports_received ?? 0) : null,
      disciplineOpened: shown.cases ? floorCount(got.discipline_opened ?? 0) : null,
      disciplineClosed: shown.cases ? floorCount(got.discipline_closed ?? 0) : null,
    });
  }
  return months;
}
