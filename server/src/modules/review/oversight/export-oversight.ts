import { type AuditActor, recordAudit } from "../../../platform/audit/record.ts";
import type { Actor } from "../../../platform/auth/actor.ts";
import type { Queryable } from "../../../platform/db/pool.ts";
import { allPages, MAX_PAGE } from "../../../platform/keyset.ts";
import { exportedPath } from "../../../platform/scope.ts";
import { xlsxTable } from "../../../platform/xlsx.ts";
import { lookupOrg } from "../../orgs/lookup-org.ts";
import { REVIEW_OVERSEE } from "../review.policy.ts";
import { getOversight } from "./get-oversight.ts";

/** The oversight table as Excel: every page of the rows the screen shows. */
export async function exportOversight(
  db: Queryable,
  actor: Actor,
  audit: AuditActor,
  query: { orgId?: number; year: number },
): Promise<{ fileName: string; bytes: Buffer }> {
  const items = await allPages((after) =>
    getOversight(db, actor, { ...query, after, limit: MAX_PAGE }),
  );
  const bytes = await xlsxTable(
    actor,
    `${query.year}年度`,
    [
      { header: "党支部", width: 28 },
      { header: "召开会议次数", width: 12 },
      { header: "最近会议日期", width: 14 },
      { header: "应交对照检查材料", width: 16 },
      { header: "已提交", width: 8 },
      { header: "整改未完成", width: 10 },
      { header: "整改已逾期", width: 10 },
      { header: "处置未办结", width: 10 },
      { header: "优秀", width: 6 },
      { header: "合格", width: 6 },
      { header: "基本合格", width: 9 },
      { header: "不合格", width: 7 },
    ],
    items.map((r) => [
      r.orgName,
      r.meetings,
      r.lastMeetingOn ?? "未召开",
      r.selfReviews,
      r.submitted,
      r.rectificationsOpen,
      r.rectificationsOverdue,
      r.followupsOpen,
      r.grades.excellent,
      r.grades.competent,
      r.grades.basically_competent,
      r.grades.incompetent,
    ]),
  );
  await recordAudit(db, audit, {
    action: "review.oversight.export",
    entityType: "review_oversight",
    orgPath: exportedPath(
      actor,
      REVIEW_OVERSEE,
      query.orgId ? (await lookupOrg(db, { id: query.orgId }))?.path : null,
    ),
    after: query,
  });
  return { fileName: `组织生活会与民主评议督导表${query.year}.xlsx`, bytes };
}
